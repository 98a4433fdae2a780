-- export_meetings(week_start, week_end): the meetings a weekly summary covers — every
-- meeting that started in the week, and the latest meeting of each body and group that had
-- started by its end (with delegates or TDocs loaded), so a quiet week still reports the
-- current state. why: 'in_window', 'latest' or both. Meetings are placed by
-- meetings.dated (a 3GPP meeting known only from its files: its TDocs' median reservation).
CREATE OR REPLACE MACRO export_meetings(week_start, week_end) AS TABLE
WITH held AS (
    SELECT body, meeting, group_code, dated AS start_date
    FROM meetings
    WHERE dated <= week_end AND (delegates > 0 OR coalesce(tdocs, 0) > 0)
),
chosen AS (
    SELECT body, meeting, group_code, start_date, 'in_window' AS why
    FROM held WHERE start_date >= week_start
    UNION ALL
    SELECT body, arg_max(meeting, start_date), group_code, max(start_date), 'latest'
    FROM held GROUP BY body, group_code
)
SELECT body, meeting, any_value(group_code) AS group_code, any_value(start_date) AS start_date,
       string_agg(DISTINCT why, '+' ORDER BY why) AS why
FROM chosen
GROUP BY body, meeting;
