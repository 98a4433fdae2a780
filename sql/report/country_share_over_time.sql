-- The delegation share of each body's largest HQ countries, meeting by meeting.
WITH dated AS (
    SELECT c.body, c.meeting, m.dated AS start_date, c.country_code, c.share
    FROM delegation_by_country AS c
    JOIN meetings AS m USING (body, meeting)
    WHERE c.basis = 'hq' AND c.country_code IS NOT NULL
),
leaders AS (
    SELECT body, country_code FROM (
        SELECT body, country_code,
               row_number() OVER (PARTITION BY body ORDER BY sum(share) DESC, country_code) AS r
        FROM dated GROUP BY body, country_code
    ) WHERE r <= $top
)
SELECT d.body, d.meeting, d.start_date, d.country_code, d.share
FROM dated AS d JOIN leaders USING (body, country_code)
ORDER BY d.body, d.start_date, d.meeting, d.country_code
