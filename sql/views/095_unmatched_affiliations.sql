-- unmatched_affiliations: raw strings no curated organization matched, per body, most used
-- first: where curation pays. They are still counted, each under its own cleaned spelling.
CREATE OR REPLACE VIEW unmatched_affiliations AS
SELECT u.body, u.raw, r.org_name AS counted_as, sum(u.uses)::BIGINT AS uses
FROM affiliation_uses AS u
JOIN affiliation_resolution AS r ON r.raw = u.raw
WHERE r.method = 'unresolved'
GROUP BY u.body, u.raw, r.org_name;
