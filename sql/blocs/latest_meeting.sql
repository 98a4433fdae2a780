-- The latest 3GPP meeting with a co-signature network.
SELECT arg_max(meeting, meeting_date) AS meeting
FROM bloc_networks
JOIN threegpp_meeting_dates USING (meeting)
