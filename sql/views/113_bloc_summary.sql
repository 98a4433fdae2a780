-- bloc_summary: who can carry or block a decision. For 3GPP, one row per estimated
-- co-signature bloc (kind 'cosignature': its settled groups, their votes, the consensus
-- bloc's cohesion and its members' mean stability; the groups that flip between blocs
-- across runs form the row 'undecided', those tied to no one 'unattached'), per corporate
-- group and per HQ country (kinds 'corporate_group', 'country': members are the voting
-- Individual Members, votes what they can cast after the caps), with
-- the share of the meeting's votes and whether that alone can block (> 29 %) or carry
-- (>= 71 %) a technical vote. For the IETF, which does not vote, the analogue is the NomCom:
-- per NomCom year, each group's and country's expected number of the ten voting seats
-- (kinds 'nomcom_group', 'nomcom_country'; vote_share = expected seats / seats).
CREATE OR REPLACE VIEW bloc_summary AS
WITH totals AS (
    SELECT meeting, sum(votes) AS total FROM votes_by_group GROUP BY meeting
)
-- the co-signature rows, stored by the bloc rebuild: sql/blocs/cosignature_summary.sql
SELECT * FROM bloc_cosignature_summary
UNION ALL
SELECT body, meeting, NULL, org_group, votes_uncapped, votes::DOUBLE, vote_share, can_block,
       can_carry, 'corporate_group', NULL, NULL, basis, NULL
FROM votes_by_group
UNION ALL
SELECT '3gpp', v.meeting, NULL, coalesce(v.hq_country, 'unknown'), sum(v.votes_uncapped),
       sum(v.votes)::DOUBLE, sum(v.votes) / any_value(t.total),
       sum(v.votes) / any_value(t.total) > 0.29, sum(v.votes) / any_value(t.total) >= 0.71,
       'country', NULL,
       string_agg(v.org_group, ', ' ORDER BY v.votes DESC, v.org_group), any_value(v.basis), NULL
FROM votes_by_group AS v
JOIN totals AS t USING (meeting)
GROUP BY v.meeting, v.hq_country
UNION ALL
SELECT 'ietf', year::VARCHAR, NULL, org_group, eligible, expected_seats,
       expected_seats / seats, NULL, NULL, 'nomcom_group', NULL, NULL,
       'expected NomCom seats (' || rule || ', ' || draws || ' draws)', NULL
FROM nomcom_pool
UNION ALL
SELECT 'ietf', year::VARCHAR, NULL, coalesce(hq_country, 'unknown'), sum(eligible),
       sum(expected_seats::DECIMAL(38, 18))::DOUBLE,
       sum(expected_seats::DECIMAL(38, 18))::DOUBLE / any_value(seats), NULL, NULL,
       'nomcom_country', NULL,
       string_agg(org_group, ', ' ORDER BY expected_seats DESC, org_group),
       'expected NomCom seats (' || any_value(rule) || ', ' || any_value(draws) || ' draws)',
       NULL
FROM nomcom_pool
GROUP BY year, hq_country;

-- bloc_switches: which corporate groups left their camp between two consecutive meetings
-- of a 3GPP group (whole-meeting networks). For each group settled in a bloc at both
-- meetings (stability at least bloc_runs.settled_stability): together_share is the share
-- of this meeting's runs that put it with the bloc-mates it had at the previous meeting
-- (those tied into this meeting's network); it switched when that falls below
-- bloc_runs.switch_threshold. A new label alone is not a switch. mates: how many previous
-- bloc-mates the share is over.
CREATE OR REPLACE VIEW bloc_switches AS
WITH whole AS (
    SELECT n.meeting, m.group_code, d.meeting_date
    FROM bloc_networks AS n
    JOIN threegpp_meetings AS m USING (meeting)
    JOIN threegpp_meeting_dates AS d USING (meeting)
    WHERE n.agenda_item IS NULL
),
consecutive AS (
    SELECT meeting,
           lag(meeting) OVER (PARTITION BY group_code ORDER BY meeting_date, meeting)
               AS previous_meeting
    FROM whole
),
settled AS MATERIALIZED (
    SELECT meeting, org_group, bloc
    FROM bloc_members
    WHERE agenda_item IS NULL AND bloc > 0
      AND stability >= (SELECT settled_stability FROM bloc_runs LIMIT 1)
),
-- Materialised so the planner cannot join the two meetings' groups by name alone first
-- (it guessed a few hundred settled rows of ~100,000 and built 120 million pairs).
settled_now AS MATERIALIZED (
    SELECT c.meeting, c.previous_meeting, n.org_group, n.bloc
    FROM consecutive AS c
    JOIN settled AS n USING (meeting)
),
carried AS MATERIALIZED (  -- groups settled at both meetings, with their bloc at each
    SELECT n.meeting, n.previous_meeting, n.org_group, g.bloc AS previous_bloc, n.bloc
    FROM settled_now AS n
    JOIN settled AS g ON g.meeting = n.previous_meeting AND g.org_group = n.org_group
),
mates AS (  -- each carried group's previous bloc-mates that are tied into this meeting
    SELECT x.meeting, x.previous_meeting, x.org_group, x.previous_bloc, x.bloc,
           mate.org_group AS mate
    FROM carried AS x
    JOIN settled AS mate
      ON mate.meeting = x.previous_meeting AND mate.bloc = x.previous_bloc
     AND mate.org_group <> x.org_group
    JOIN bloc_members AS tied
      ON tied.meeting = x.meeting AND tied.agenda_item IS NULL
     AND tied.org_group = mate.org_group AND tied.bloc > 0
),
-- Integer sums: the share does not depend on the order rows are summed in. A pair no run
-- put together is not stored in bloc_pairs: it counts 0 runs.
shares AS (
    SELECT x.meeting, x.previous_meeting, x.org_group, x.previous_bloc, x.bloc,
           sum(coalesce(p.together, 0))::DOUBLE / (count(*) * greatest(any_value(n.runs), 1))
               AS together_share,
           count(*) AS mates
    FROM mates AS x
    JOIN bloc_networks AS n ON n.meeting = x.meeting AND n.agenda_item IS NULL
    LEFT JOIN bloc_pairs AS p
      ON p.meeting = x.meeting AND p.agenda_item IS NULL
     AND p.org_group_a = least(x.org_group, x.mate)
     AND p.org_group_b = greatest(x.org_group, x.mate)
    GROUP BY ALL
)
SELECT '3gpp' AS body, s.meeting, s.previous_meeting, s.org_group, s.together_share,
       s.together_share < (SELECT switch_threshold FROM bloc_runs LIMIT 1) AS switched,
       'B' || lp.label AS previous_bloc, 'B' || ln.label AS bloc, s.mates
FROM shares AS s
JOIN bloc_labels AS lp
  ON lp.meeting = s.previous_meeting AND lp.agenda_item IS NULL AND lp.bloc = s.previous_bloc
JOIN bloc_labels AS ln ON ln.meeting = s.meeting AND ln.agenda_item IS NULL AND ln.bloc = s.bloc;
