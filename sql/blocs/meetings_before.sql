-- The $window meetings of the same 3GPP group before $meeting, latest first.
WITH target AS (
    SELECT m.group_code, d.meeting_date
    FROM threegpp_meetings AS m JOIN threegpp_meeting_dates AS d USING (meeting)
    WHERE m.meeting = $meeting
)
SELECT m.meeting
FROM threegpp_meetings AS m
JOIN threegpp_meeting_dates AS d USING (meeting)
JOIN target AS t ON t.group_code = m.group_code AND d.meeting_date < t.meeting_date
ORDER BY d.meeting_date DESC, m.meeting DESC
LIMIT $window
