-- The agenda items of a meeting that have their own co-signature blocs (a hint for users).
SELECT DISTINCT agenda_item
FROM bloc_membership
WHERE meeting = $meeting AND agenda_item IS NOT NULL
ORDER BY agenda_item
LIMIT 12
