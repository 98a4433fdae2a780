-- 3GPP: each working group's largest contributors, meeting by meeting, as their share of the
-- meeting's fractional TDoc credit (each TDoc counts 1, shared equally among its
-- co-signers). $top corporate groups per working group, chosen by their fractional credit
-- over the meetings shown (an exact decimal sum);
-- unaffiliated sources are not drawn.
WITH dated AS (
    SELECT m.group_code, c.meeting, m.dated AS start_date, c.org_group, c.fractional,
           c.fractional / sum(c.fractional) OVER (PARTITION BY c.meeting) AS share
    FROM contributions_by_group AS c
    JOIN meetings AS m ON m.body = '3gpp' AND m.meeting = c.meeting
),
leaders AS (
    SELECT group_code, org_group FROM (
        SELECT group_code, org_group,
               row_number() OVER (PARTITION BY group_code
                                  ORDER BY sum(fractional) DESC, org_group) AS r
        FROM dated WHERE NOT unaffiliated(org_group) GROUP BY group_code, org_group
    ) WHERE r <= $top
)
SELECT d.group_code, d.meeting, d.start_date, d.org_group, d.share
FROM dated AS d JOIN leaders USING (group_code, org_group)
ORDER BY d.group_code, d.start_date, d.meeting, d.org_group
