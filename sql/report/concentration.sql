-- Concentration of delegation (HHI, top-4 share) per meeting, with the meeting's forum
-- (the IETF; a 3GPP working group) and date.
SELECT c.body, m.group_code, c.meeting, m.dated AS start_date, c.hhi, c.top4_share, c.groups
FROM concentration AS c
JOIN meetings AS m USING (body, meeting)
ORDER BY c.body, m.group_code, start_date, c.meeting
