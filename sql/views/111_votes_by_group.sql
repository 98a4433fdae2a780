-- votes_by_group: the votes each corporate group could cast in a ballot at a 3GPP meeting —
-- one per Individual Member both eligible and present — and, for ballots on or after the
-- cap date, no more than cap_per_group_partner per Organizational Partner and cap_per_group
-- in all (bloc_runs: 8 and 16 from 2024-02-15 by default). vote_share is of all votes at the
-- meeting; can_block: more than 29 % (a 71 % decision fails without it); can_carry: 71 %.
CREATE OR REPLACE VIEW votes_by_group AS
WITH caps AS (
    SELECT cap_from, cap_per_group, cap_per_group_partner FROM bloc_runs LIMIT 1
),
per_partner AS (
    SELECT v.meeting, d.meeting_date, v.org_group, v.organizational_partner,
           any_value(v.hq_country) AS hq_country, any_value(v.basis) AS basis,
           count(*) AS members
    FROM voting_rights AS v
    JOIN threegpp_meeting_dates AS d USING (meeting)
    WHERE v.eligible AND v.present
    GROUP BY ALL
),
per_group AS (
    SELECT p.meeting, p.org_group, any_value(p.hq_country) AS hq_country,
           any_value(p.basis) AS basis,
           sum(p.members) AS votes_uncapped,
           coalesce(bool_or(c.cap_from <= p.meeting_date), false) AS capped,
           sum(CASE WHEN c.cap_from <= p.meeting_date
                    THEN least(p.members, c.cap_per_group_partner) ELSE p.members END)
               AS after_partner_cap,
           any_value(c.cap_per_group) AS cap_per_group
    FROM per_partner AS p
    LEFT JOIN caps AS c ON true
    GROUP BY p.meeting, p.org_group
)
SELECT '3gpp' AS body, meeting, org_group, hq_country,
       (CASE WHEN capped THEN least(after_partner_cap, cap_per_group)
             ELSE after_partner_cap END)::BIGINT AS votes,
       votes_uncapped::BIGINT AS votes_uncapped,
       votes / sum(votes) OVER (PARTITION BY meeting) AS vote_share,
       vote_share > 0.29 AS can_block,
       vote_share >= 0.71 AS can_carry,
       capped,
       basis
FROM per_group;
