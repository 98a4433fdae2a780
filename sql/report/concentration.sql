-- Concentration of delegation (HHI, top-4 share) per meeting and body, on the meeting's date.
SELECT c.body, c.meeting, m.dated AS start_date, c.hhi, c.top4_share, c.groups
FROM concentration AS c
JOIN meetings AS m USING (body, meeting)
ORDER BY c.body, start_date, c.meeting
