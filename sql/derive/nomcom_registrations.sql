-- NomCom path 1 input: each keyed delegate registration, onsite or not, checked in or not.
-- checked_in is the datatracker's checkedin; where the resource has none (older records,
-- rows loaded before it was kept apart), attended stands in for it.
SELECT meeting, person_key, attendance = 'onsite' AS onsite,
       coalesce(checked_in, attended, false) AS checked_in, coalesce(attended, false) AS attended
FROM ietf_registrations
WHERE is_delegate AND person_key IS NOT NULL
