-- week_meetings: the meetings a weekly summary covers (export_meetings, see
-- sql/views/120_export_meetings.sql), read once per export. The summaries join it as
-- week_meetings and filter their view by its labels ($meetings) first: a constant list
-- reaches the view's tables, where a join to the macro made each summary read the whole
-- view (1-1.3 s each at ten times the IETF history and the generated 3GPP one).
SELECT body, meeting, group_code, start_date, why
FROM export_meetings($week_start, $week_end)
ORDER BY body, meeting
