-- resolution_coverage: per body, how many uses of typed organization strings resolve to a
-- curated organization (alias, main-name prefix or fuzzy match): the figure curation moves.
-- Strings known only from the 3GPP member list (method member_list) are not counted as
-- resolved: their country is known, their corporate parent is not.
-- Strings with nothing typed are left out; unresolved ones still count under their own name.
CREATE OR REPLACE VIEW resolution_coverage AS
SELECT u.body,
       sum(u.uses * r.weight) FILTER (WHERE r.method <> 'empty')::BIGINT AS typed_uses,
       coalesce(
           sum(u.uses * r.weight) FILTER (WHERE r.method IN ('alias', 'prefix', 'fuzzy')), 0
       )::BIGINT AS resolved_uses,
       resolved_uses / nullif(typed_uses, 0) AS coverage
FROM affiliation_uses AS u
JOIN affiliation_resolution AS r USING (raw)
GROUP BY u.body;
