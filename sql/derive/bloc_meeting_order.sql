-- The 3GPP meetings with a co-signature network, per group (RAN1, SA2…) in date order:
-- the sequence camp labels are carried along.
SELECT m.group_code, m.meeting
FROM threegpp_meetings AS m
JOIN threegpp_meeting_dates AS d USING (meeting)
WHERE m.meeting IN (SELECT meeting FROM bloc_networks)
ORDER BY m.group_code, d.meeting_date, m.meeting
