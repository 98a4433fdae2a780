-- org_lookup: the strings `sdo orgs resolve` was asked about, in the order asked, with the
-- organization each part resolved to, its corporate group and HQ country on $on.
SELECT a.raw, a.org, coalesce(g.name, a.org) AS org_group,
       coalesce(g.hq_country, a.hq_country) AS hq_country, a.method, a.weight
FROM _asked AS a
LEFT JOIN organizations AS g ON g.org_id = org_group_on(a.org_id, $on::DATE)
ORDER BY a._order
