-- Every co-signature of the given meetings, one row per document and corporate group, in
-- canonical order: the record one network over several meetings is built from.
SELECT DISTINCT meeting || ' ' || document AS document, org_group
FROM cosignature_documents
WHERE list_contains($meetings, meeting)
ORDER BY document, org_group
