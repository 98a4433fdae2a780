-- participation: one row per delegate per meeting, across bodies. A delegate is a person
-- registered for the meeting itself: for the IETF, hackathon-only and ANRW-only
-- registrations are excluded and a person with several registration rows counts once,
-- onsite if any row says onsite; for 3GPP, a delegate on a meeting's participant list,
-- registered for one Individual Member (onsite, or remote at an e-meeting), unless the
-- list marks them as not having attended (status 'Not attended', 'Absent', 'Cancelled').
-- basis: what a delegate here is — 'registrations' (IETF), or for 3GPP 'participant list: '
-- and what the list records (signed, registered, checked_in, end_of_meeting, unstated).
CREATE OR REPLACE VIEW participation AS
SELECT 'ietf' AS body,
       r.meeting,
       m.start_date AS meeting_date,
       coalesce(r.person_key, r.source || ':' || r.source_id) AS delegate_key,
       arg_max(r.affiliation, r.source_id) AS affiliation,
       arg_max(r.country_code, r.source_id) AS declared_country,
       bool_or(r.attendance = 'onsite') AS onsite,
       NOT bool_or(r.attendance = 'onsite') AND bool_or(r.attendance = 'remote') AS remote,
       bool_or(CASE WHEN r.attended IS NULL AND r.checked_in IS NULL THEN NULL
                    ELSE coalesce(r.attended, false) OR coalesce(r.checked_in, false) END)
           AS attended,
       'registrations' AS basis
FROM ietf_registrations AS r
JOIN ietf_meetings AS m USING (meeting)
WHERE r.is_delegate
GROUP BY ALL
UNION ALL
SELECT '3gpp' AS body,
       p.meeting,
       d.meeting_date,
       p.delegate_key,
       p.individual_member AS affiliation,
       NULL AS declared_country,
       NOT m.meeting LIKE '%-e' AS onsite,
       m.meeting LIKE '%-e' AS remote,
       p.attended,
       'participant list: ' || coalesce(p.list_kind, 'unstated') AS basis
FROM (
    SELECT *,
           CASE
               WHEN status IS NULL THEN NULL
               WHEN lower(status) LIKE 'not %' OR lower(status) IN ('absent', 'cancelled')
                   THEN false
               ELSE true
           END AS attended
    FROM threegpp_participants
) AS p
JOIN threegpp_meetings AS m USING (meeting)
JOIN threegpp_meeting_dates AS d USING (meeting)
WHERE p.attended IS DISTINCT FROM false;
