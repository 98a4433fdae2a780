-- threegpp_meeting_dates: the date each 3GPP meeting is dated by when corporate parents are
-- looked up (Alcatel-Lucent Shanghai Bell counts for Nokia from 2016). The calendar's
-- start date where known; for a meeting known only from an imported file, the median
-- reservation date of its TDocs (usually within two weeks before the meeting).
CREATE OR REPLACE VIEW threegpp_meeting_dates AS
SELECT m.meeting,
       coalesce(m.start_date, t.median_reserved::DATE) AS meeting_date,
       CASE
           WHEN m.start_date IS NOT NULL THEN 'calendar'
           WHEN t.median_reserved IS NOT NULL THEN 'median TDoc reservation'
       END AS date_basis
FROM threegpp_meetings AS m
LEFT JOIN (
    SELECT meeting, median(reservation_date) AS median_reserved
    FROM threegpp_tdocs
    GROUP BY meeting
) AS t USING (meeting);
