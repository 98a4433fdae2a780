-- The eligible volunteers (registered as _eligible) with the corporate group and HQ country
-- of their primary affiliation on their year's eligibility date: rows of ietf_nomcom_eligible.
SELECT e.year, e.person_key, e.meetings_attended, e.path_meetings,
       e.path_officer, e.path_author, e.affiliation,
       coalesce(g.name, r.org_name, 'Unspecified') AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country
FROM _eligible AS e
JOIN ietf_nomcom_rules AS n USING (year)
LEFT JOIN affiliation_resolution AS r ON r.raw = e.affiliation AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, n.eligibility_date)
