-- leadership_seats.csv: seats per role and corporate group — the IETF's current roles and
-- the leadership the chair's reports name at each 3GPP meeting the week covers.
SELECT l.body, l.group_code, l.role, l.org_group, l.hq_country, l.seats, l.as_of, l.meeting
FROM leadership_by_group AS l
WHERE (l.body = 'ietf' AND l.meeting IS NULL)
   OR (l.body = '3gpp' AND list_contains($meetings, l.meeting)
       AND (l.body, l.meeting) IN (SELECT (body, meeting) FROM week_meetings))
ORDER BY l.body, l.meeting NULLS FIRST, l.group_code, l.role, l.seats DESC, l.org_group
