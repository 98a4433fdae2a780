-- Each NomCom year's eligible volunteers with their group and the year's recorded seed.
SELECT year, person_key, org_group, hq_country, seed
FROM ietf_nomcom_eligible
JOIN ietf_nomcom_rules USING (year)
ORDER BY year, person_key
