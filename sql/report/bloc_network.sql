-- One meeting's (or agenda item's) co-signature network: its $edges heaviest edges, with
-- each end's bloc, for drawing.
SELECT e.source, e.target, e.weight, e.documents,
       a.bloc AS source_bloc, b.bloc AS target_bloc
FROM bloc_edges AS e
JOIN bloc_assignments AS a
  ON a.meeting = e.meeting AND a.agenda_item IS NOT DISTINCT FROM e.agenda_item
 AND a.org_group = e.source
JOIN bloc_assignments AS b
  ON b.meeting = e.meeting AND b.agenda_item IS NOT DISTINCT FROM e.agenda_item
 AND b.org_group = e.target
WHERE e.meeting = $meeting AND e.agenda_item IS NOT DISTINCT FROM $agenda_item
ORDER BY e.weight DESC, e.source, e.target
LIMIT $edges
