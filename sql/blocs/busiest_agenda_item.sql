-- The agenda item of a meeting whose co-signature network has the most documents.
SELECT agenda_item
FROM bloc_networks
WHERE meeting = $meeting AND agenda_item IS NOT NULL
GROUP BY agenda_item
ORDER BY max(documents) DESC, agenda_item
LIMIT 1
