-- delegation_by_country.csv: delegates per country (declared and HQ bases) at each meeting
-- the week covers.
SELECT d.body, d.meeting, e.group_code, e.start_date, d.basis, d.country_code,
       d.delegates, d.share
FROM delegation_by_country AS d
JOIN export_meetings($week_start, $week_end) AS e USING (body, meeting)
ORDER BY d.body, e.start_date, d.meeting, d.basis, d.delegates DESC, d.country_code NULLS LAST
