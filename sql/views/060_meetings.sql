-- meetings: every meeting of every body, named as people write them (IETF '110').
-- mode is read from the registrations: 'in-person' (no remote delegates), 'online'
-- (nobody registered onsite turned up), 'hybrid' (both); NULL without registrations.
CREATE OR REPLACE VIEW meetings AS
WITH counts AS (
    SELECT body, meeting,
           count(*) AS delegates,
           count(*) FILTER (WHERE onsite AND attended IS DISTINCT FROM false) AS onsite_present,
           count(*) FILTER (WHERE remote) AS remote
    FROM participation
    GROUP BY ALL
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
       m.reported_attendees
FROM ietf_meetings AS m
LEFT JOIN counts AS c ON c.body = 'ietf' AND c.meeting = m.meeting;
