-- NomCom path 1 input: each keyed delegate registration, onsite or not, checked in or not.
-- (Registrations keep one attended flag for the datatracker's attended and checkedin.)
SELECT meeting, person_key, attendance = 'onsite' AS onsite,
       coalesce(attended, false) AS checked_in, coalesce(attended, false) AS attended
FROM ietf_registrations
WHERE is_delegate AND person_key IS NOT NULL
