-- The delegation share of each forum's largest HQ countries (the IETF; each 3GPP working
-- group), meeting by meeting: $top countries per forum, chosen by their delegates over the
-- meetings shown (an exact decimal sum).
WITH dated AS (
    SELECT c.body, m.group_code, c.meeting, m.dated AS start_date, c.country_code, c.share,
           c.delegates
    FROM delegation_by_country AS c
    JOIN meetings AS m USING (body, meeting)
    WHERE c.basis = 'hq' AND c.country_code IS NOT NULL
),
leaders AS (
    SELECT body, group_code, country_code FROM (
        SELECT body, group_code, country_code,
               row_number() OVER (PARTITION BY body, group_code
                                  ORDER BY sum(delegates) DESC, country_code) AS r
        FROM dated GROUP BY body, group_code, country_code
    ) WHERE r <= $top
)
SELECT d.body, d.group_code, d.meeting, d.start_date, d.country_code, d.share
FROM dated AS d JOIN leaders USING (body, group_code, country_code)
ORDER BY d.body, d.group_code, d.start_date, d.meeting, d.country_code
