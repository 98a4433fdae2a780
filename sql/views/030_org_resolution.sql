-- org_resolution: what each raw affiliation string resolves to today: the organization
-- as written (org), its ultimate corporate parent (org_group), the group's HQ country,
-- and how it was matched (empty, alias, prefix, fuzzy, unresolved). Unresolved strings
-- stand for themselves under their cleaned spelling, with no country. A joint affiliation
-- ("Keio University / WIDE Project") has one row per part, each with its weight.
CREATE OR REPLACE VIEW org_resolution AS
WITH resolved AS (
    SELECT r.raw, r.part, r.weight, r.org_id, r.org_name, r.method, r.hq_country,
           org_group_on(r.org_id, current_date) AS group_id
    FROM affiliation_resolution AS r
)
SELECT r.raw,
       r.org_name AS org,
       coalesce(g.name, r.org_name) AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country,
       r.method,
       coalesce(o.hq_country, r.hq_country) AS org_hq_country,
       s.uses,
       r.part,
       r.weight
FROM resolved AS r
LEFT JOIN organizations AS g ON g.org_id = r.group_id
LEFT JOIN organizations AS o ON o.org_id = r.org_id
LEFT JOIN affiliation_strings AS s ON s.raw = r.raw;
