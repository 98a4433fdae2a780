-- The delegation share of each body's largest corporate groups, meeting by meeting, on the
-- meeting's date: $top groups per body, chosen by their summed share over the meetings
-- shown. Shares are of all the meeting's delegates; unaffiliated groups (Unspecified,
-- Independent) are not companies and are not drawn.
WITH dated AS (
    SELECT d.body, d.meeting, m.dated AS start_date, d.org_group, d.share
    FROM delegation_by_group AS d
    JOIN meetings AS m USING (body, meeting)
    WHERE d.org_group IS NOT NULL AND NOT unaffiliated(d.org_group)
),
leaders AS (
    SELECT body, org_group FROM (
        SELECT body, org_group,
               row_number() OVER (PARTITION BY body ORDER BY sum(share) DESC, org_group) AS r
        FROM dated GROUP BY body, org_group
    ) WHERE r <= $top
)
SELECT d.body, d.meeting, d.start_date, d.org_group, d.share
FROM dated AS d JOIN leaders USING (body, org_group)
ORDER BY d.body, d.start_date, d.meeting, d.org_group
