-- The delegation share of each forum's largest corporate groups (the IETF; each 3GPP
-- working group), meeting by meeting, on the meeting's date: $top groups per forum, chosen
-- by their delegates over the meetings shown (an exact decimal sum, so the choice cannot
-- turn on the order floats are added in). Shares are of all the meeting's
-- delegates; unaffiliated groups (Unspecified, Independent) are not companies and are not
-- drawn.
WITH dated AS (
    SELECT d.body, m.group_code, d.meeting, m.dated AS start_date, d.org_group, d.share,
           d.delegates
    FROM delegation_by_group AS d
    JOIN meetings AS m USING (body, meeting)
    WHERE d.org_group IS NOT NULL AND NOT unaffiliated(d.org_group)
),
leaders AS (
    SELECT body, group_code, org_group FROM (
        SELECT body, group_code, org_group,
               row_number() OVER (PARTITION BY body, group_code
                                  ORDER BY sum(delegates) DESC, org_group) AS r
        FROM dated GROUP BY body, group_code, org_group
    ) WHERE r <= $top
)
SELECT d.body, d.group_code, d.meeting, d.start_date, d.org_group, d.share
FROM dated AS d JOIN leaders USING (body, group_code, org_group)
ORDER BY d.body, d.group_code, d.start_date, d.meeting, d.org_group
