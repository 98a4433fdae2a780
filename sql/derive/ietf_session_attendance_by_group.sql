-- ietf_session_attendance_by_group rows (the session_attendance_by_group view;
-- sql/views/103_session_attendance_by_group.sql says what they mean), computed by the
-- derived rebuild: warehouse/derived/ietf_tables.py.
WITH present AS (
    SELECT DISTINCT s.meeting, s.group_id, a.person_key
    FROM ietf_session_attendance AS a
    JOIN ietf_sessions AS s USING (session_id)
    WHERE a.person_key IS NOT NULL
),
registered AS (
    SELECT body, meeting, delegate_key AS person_key, org_group, hq_country, onsite, remote,
           weight
    FROM participation_resolved
    WHERE body = 'ietf'
)
SELECT 'ietf' AS body, p.meeting, coalesce(g.acronym, 'group ' || p.group_id) AS group_code,
       coalesce(r.org_group, 'Unspecified') AS org_group, r.hq_country,
       sum(coalesce(r.weight, 1::DECIMAL(38, 6))) AS attendees,
       coalesce(sum(r.weight) FILTER (WHERE r.onsite), 0) AS onsite,
       coalesce(sum(r.weight) FILTER (WHERE r.remote), 0) AS remote,
       count(*) FILTER (WHERE r.person_key IS NULL)::DOUBLE AS unregistered
FROM present AS p
LEFT JOIN ietf_groups AS g ON g.group_id = p.group_id
LEFT JOIN registered AS r ON r.meeting = p.meeting AND r.person_key = p.person_key
GROUP BY ALL;
