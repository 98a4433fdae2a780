-- delegation_by_country.csv: delegates per country (declared and HQ bases) at each meeting
-- the week covers.
SELECT d.body, d.meeting, e.group_code, e.start_date, d.basis, d.country_code,
       d.delegates, d.share, d.people
FROM delegation_by_country AS d
JOIN week_meetings AS e USING (body, meeting)
WHERE list_contains($meetings, d.meeting)
ORDER BY d.body, e.start_date, d.meeting, d.basis, d.delegates DESC, d.country_code NULLS LAST
