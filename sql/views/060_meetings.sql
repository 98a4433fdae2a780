-- meetings: every meeting of every body, named as people write them (IETF '110', 3GPP
-- 'RAN1#86bis'). For the IETF, mode is read from the registrations: 'in-person' (no remote
-- delegates), 'online' (nobody registered onsite turned up), 'hybrid' (both). For 3GPP,
-- e-meetings (label ending -e) are 'online', others 'in-person'. delegates is NULL for a
-- 3GPP meeting without a participant list; tdocs counts its TDoc list. dated is the date a
-- meeting is dated by everywhere (charts, exports, corporate parents): its start, or for a
-- 3GPP meeting known only from its files, its TDocs' median reservation. status: 'held'
-- (IETF meetings, and 3GPP meetings not cancelled), 'cancelled' (a 3GPP calendar title
-- saying so: kept, never counted as held).
CREATE OR REPLACE VIEW meetings AS
WITH counts AS (
    SELECT body, meeting,
           count(*) AS delegates,
           count(*) FILTER (WHERE onsite AND attended IS DISTINCT FROM false) AS onsite_present,
           count(*) FILTER (WHERE remote) AS remote
    FROM participation
    GROUP BY ALL
),
tdocs AS (
    SELECT meeting, count(*) AS tdocs FROM threegpp_tdocs GROUP BY meeting
)
SELECT 'ietf' AS body,
       m.meeting,
       'IETF' AS group_code,
       m.start_date,
       m.end_date,
       m.city,
       m.country_code,
       CASE
           WHEN c.delegates IS NULL THEN NULL
           WHEN c.onsite_present = 0 THEN 'online'
           WHEN c.remote = 0 THEN 'in-person'
           ELSE 'hybrid'
       END AS mode,
       coalesce(c.delegates, 0) AS delegates,
       m.reported_attendees,
       NULL::BIGINT AS tdocs,
       m.start_date AS dated,
       'held' AS status
FROM ietf_meetings AS m
LEFT JOIN counts AS c ON c.body = 'ietf' AND c.meeting = m.meeting
UNION ALL
SELECT '3gpp' AS body,
       m.meeting,
       m.group_code,
       m.start_date,
       m.end_date,
       m.town AS city,
       NULL AS country_code,
       CASE WHEN m.meeting LIKE '%-e' THEN 'online' ELSE 'in-person' END AS mode,
       c.delegates,
       r.delegates AS reported_attendees,
       coalesce(t.tdocs, 0) AS tdocs,
       d.meeting_date AS dated,
       CASE WHEN m.status = 'cancelled' THEN 'cancelled' ELSE 'held' END AS status
FROM threegpp_meetings AS m
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN counts AS c ON c.body = '3gpp' AND c.meeting = m.meeting
LEFT JOIN threegpp_reports AS r ON r.meeting = m.meeting
LEFT JOIN tdocs AS t ON t.meeting = m.meeting;
