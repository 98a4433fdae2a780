-- NomCom path 1 input (RFC 9389): who was present at a plenary, WG or RG session of a meeting.
SELECT DISTINCT s.meeting, a.person_key
FROM ietf_session_attendance AS a
JOIN ietf_sessions AS s USING (session_id)
LEFT JOIN ietf_groups AS g ON g.group_id = s.group_id
WHERE a.person_key IS NOT NULL AND (s.session_type = 'plenary' OR g.group_type IN ('wg', 'rg'))
