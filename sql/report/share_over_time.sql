-- The delegation share of each body's largest corporate groups (by mean share over the
-- meetings shown), meeting by meeting, on the meeting's date. $top groups per body.
WITH dated AS (
    SELECT d.body, d.meeting, m.dated AS start_date, d.org_group, d.share
    FROM delegation_by_group AS d
    JOIN meetings AS m USING (body, meeting)
    WHERE d.org_group <> 'Unspecified'
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
