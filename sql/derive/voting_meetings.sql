-- Every dated 3GPP meeting held (not cancelled) for the voting-rights rule, and how
-- presence there is known: from its participant list, from the labelled proxy (uploaders),
-- or not at all (NULL). A cancelled meeting is no meeting of the attendance window.
SELECT m.group_code, m.meeting, d.meeting_date, m.meeting LIKE '%-e' AS online,
       CASE
           WHEN EXISTS (SELECT 1 FROM threegpp_participants AS p WHERE p.meeting = m.meeting)
               THEN $participant_basis
           WHEN EXISTS (SELECT 1 FROM uploaders_by_group AS u WHERE u.meeting = m.meeting)
               THEN $proxy_basis
       END AS basis
FROM threegpp_meetings AS m
JOIN threegpp_meeting_dates AS d USING (meeting)
WHERE d.meeting_date IS NOT NULL AND m.status IS DISTINCT FROM 'cancelled'
