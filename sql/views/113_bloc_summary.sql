-- bloc_summary: who can carry or block a decision. For 3GPP, one row per estimated
-- co-signature bloc (kind 'cosignature': its groups, their votes, cohesion), per corporate
-- group and per HQ country (kinds 'corporate_group', 'country': members are the voting
-- Individual Members, votes what they can cast after the caps), with
-- the share of the meeting's votes and whether that alone can block (> 29 %) or carry
-- (>= 71 %) a technical vote. For the IETF, which does not vote, the analogue is the NomCom:
-- per NomCom year, each group's and country's expected number of the ten voting seats
-- (kinds 'nomcom_group', 'nomcom_country'; vote_share = expected seats / seats).
CREATE OR REPLACE VIEW bloc_summary AS
WITH totals AS (
    SELECT meeting, sum(votes) AS total FROM votes_by_group GROUP BY meeting
),
cosignature AS (
    SELECT m.body, m.meeting, m.agenda_item, m.bloc,
           count(*) AS members,
           sum(m.votes) AS votes,
           sum(m.votes) / nullif(any_value(t.total), 0) AS vote_share,
           string_agg(m.org_group, ', ' ORDER BY m.votes DESC, m.strength DESC, m.org_group)
               AS member_groups
    FROM bloc_membership AS m
    LEFT JOIN totals AS t USING (meeting)
    GROUP BY m.body, m.meeting, m.agenda_item, m.bloc
)
SELECT c.body, c.meeting, c.agenda_item, c.bloc, c.members, c.votes::DOUBLE AS votes,
       c.vote_share, c.vote_share > 0.29 AS can_block, c.vote_share >= 0.71 AS can_carry,
       'cosignature' AS kind, n.cohesion, c.member_groups,
       (SELECT any_value(basis) FROM votes_by_group AS v WHERE v.meeting = c.meeting) AS basis
FROM cosignature AS c
LEFT JOIN bloc_networks AS n
  ON n.meeting = c.meeting AND n.agenda_item IS NOT DISTINCT FROM c.agenda_item
 AND 'B' || n.bloc = c.bloc
UNION ALL
SELECT body, meeting, NULL, org_group, votes_uncapped, votes::DOUBLE, vote_share, can_block,
       can_carry, 'corporate_group', NULL, NULL, basis
FROM votes_by_group
UNION ALL
SELECT '3gpp', meeting, NULL, coalesce(hq_country, 'unknown'), sum(votes_uncapped), sum(votes)::DOUBLE,
       sum(vote_share), sum(vote_share) > 0.29, sum(vote_share) >= 0.71, 'country', NULL,
       string_agg(org_group, ', ' ORDER BY votes DESC, org_group), any_value(basis)
FROM votes_by_group
GROUP BY meeting, hq_country
UNION ALL
SELECT 'ietf', year::VARCHAR, NULL, org_group, eligible, expected_seats,
       expected_seats / seats, NULL, NULL, 'nomcom_group', NULL, NULL,
       'expected NomCom seats (' || rule || ', ' || draws || ' draws)'
FROM nomcom_pool
UNION ALL
SELECT 'ietf', year::VARCHAR, NULL, coalesce(hq_country, 'unknown'), sum(eligible),
       sum(expected_seats), sum(expected_seats) / any_value(seats), NULL, NULL,
       'nomcom_country', NULL, string_agg(org_group, ', ' ORDER BY expected_seats DESC),
       'expected NomCom seats (' || any_value(rule) || ', ' || any_value(draws) || ' draws)'
FROM nomcom_pool
GROUP BY year, hq_country;

-- bloc_switches: which corporate groups changed bloc between two consecutive meetings of a
-- 3GPP group (whole-meeting networks), among those firmly in a bloc at both (strength at
-- least bloc_runs.firm_strength): the Jaccard index of its bloc-mates then and now, and
-- switched when it falls below bloc_runs.switch_threshold. A switch is news.
CREATE OR REPLACE VIEW bloc_switches AS
SELECT body, meeting, previous_meeting, org_group, jaccard, switched
FROM bloc_changes;
