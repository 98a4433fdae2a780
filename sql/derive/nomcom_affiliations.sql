-- NomCom primary-affiliation input: what each person typed, and when.
SELECT person_key, dated, affiliation, source FROM ietf_person_affiliations
