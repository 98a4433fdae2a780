-- Concentration of delegation (HHI, top-4 share) per meeting and body, on the meeting's date.
SELECT c.body, c.meeting, coalesce(m.start_date, t.meeting_date) AS start_date,
       c.hhi, c.top4_share, c.groups
FROM concentration AS c
JOIN meetings AS m USING (body, meeting)
LEFT JOIN threegpp_meeting_dates AS t ON c.body = '3gpp' AND t.meeting = c.meeting
ORDER BY c.body, start_date, c.meeting
