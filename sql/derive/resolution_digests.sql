-- Per body, a digest of how the strings that body uses resolve: row count and an order-free
-- sum of row hashes. The IETF derived steps read only the IETF strings' resolution, the
-- blocs only 3GPP's, so each step's fingerprint takes its own body's (warehouse/derived/steps.py).
SELECT u.body, count(*) AS rows,
       coalesce(sum(hash(r.raw, r.part, r.org_id, r.org_name, r.method, r.weight,
                         r.hq_country)), 0)::VARCHAR AS total
FROM affiliation_resolution AS r
JOIN (SELECT DISTINCT body, raw FROM affiliation_uses) AS u USING (raw)
GROUP BY u.body
