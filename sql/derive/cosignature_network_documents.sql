-- How many documents with two or more co-signing groups each co-signature network has.
SELECT meeting, agenda_item, count(*) AS documents
FROM (
    SELECT meeting, agenda_item, document
    FROM network_rows
    GROUP BY ALL
    HAVING count(*) >= 2
)
GROUP BY ALL
ORDER BY meeting, agenda_item NULLS FIRST
