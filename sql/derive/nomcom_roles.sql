-- NomCom path 2 and disqualification input: every role spell of a keyed person.
SELECT person_key, role, group_acronym, group_type, group_state,
       since::TIMESTAMP AS since, until::TIMESTAMP AS until, current
FROM ietf_role_spells
WHERE person_key IS NOT NULL
