-- The nodes of every co-signature network (from the staged network_rows: a chunk of meetings'): each corporate
-- group and the number of documents it co-signed there, in canonical order.
SELECT meeting, agenda_item, org_group, count(DISTINCT document) AS documents
FROM network_rows
GROUP BY ALL
ORDER BY meeting, agenda_item NULLS FIRST, org_group
