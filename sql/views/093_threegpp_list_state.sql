-- threegpp_list_state: for each 3GPP meeting with a loaded TDoc list, when that list was
-- fetched and whether it is final: fetched after the meeting ended (the secretary closes
-- the list at the end of the meeting). Incremental refreshes skip meetings whose list is
-- final; lists imported from files count as final once the meeting has ended. decisions:
-- TDocs with a decision recorded; pre_meeting: none has one (a snapshot taken before the
-- meeting, whose reserved and available TDocs are not counted as contributions).
CREATE OR REPLACE VIEW threegpp_list_state AS
WITH lists AS (
    SELECT t.meeting, max(r.fetched_at) AS fetched_at
    FROM (SELECT DISTINCT meeting, raw_sha256 FROM threegpp_tdocs) AS t
    LEFT JOIN raw_responses AS r ON r.sha256 = t.raw_sha256
    GROUP BY t.meeting
)
SELECT l.meeting, l.fetched_at, m.end_date,
       m.end_date IS NOT NULL
       AND (l.fetched_at IS NULL OR l.fetched_at::DATE > m.end_date)
       AND m.end_date < current_date AS final,
       d.decisions, d.decisions = 0 AS pre_meeting
FROM lists AS l
JOIN threegpp_meetings AS m USING (meeting)
JOIN threegpp_list_decisions AS d USING (meeting);
