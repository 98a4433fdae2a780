-- The nodes of the co-signature networks of $meetings (from the staged network_rows): each
-- corporate group and the number of documents it co-signed there, in canonical order.
SELECT meeting, agenda_item, org_group, count(DISTINCT document) AS documents
FROM network_rows
WHERE list_contains($meetings, meeting)
GROUP BY ALL
ORDER BY meeting, agenda_item NULLS FIRST, org_group
