-- The edges of every co-signature network: each pair of groups that co-signed (source <
-- target), with Newman's weight, the sum of 1/(k-1) over the documents they co-signed
-- with k co-signers in all, and how many documents that was. The weight is summed as a
-- decimal, so it is the same whatever order the rows come in; canonical order out.
WITH signed AS (
    SELECT meeting, agenda_item, document, org_group,
           count(*) OVER (PARTITION BY meeting, agenda_item, document) AS k
    FROM network_rows
)
SELECT a.meeting, a.agenda_item, a.org_group AS source, b.org_group AS target,
       sum((1.0 / (a.k - 1))::DECIMAL(38, 30))::DOUBLE AS weight,
       count(*) AS documents
FROM signed AS a
JOIN signed AS b
  ON b.meeting = a.meeting AND b.agenda_item IS NOT DISTINCT FROM a.agenda_item
 AND b.document = a.document AND a.org_group < b.org_group
WHERE a.k >= 2
GROUP BY ALL
ORDER BY a.meeting, a.agenda_item NULLS FIRST, source, target
