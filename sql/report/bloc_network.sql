-- One meeting's (or agenda item's) co-signature network: its $edges heaviest edges, with
-- each end's bloc as bloc_membership shows it and the share of runs that put the two ends
-- together, for drawing.
SELECT e.source, e.target, e.weight, e.documents,
       a.bloc AS source_bloc, b.bloc AS target_bloc,
       coalesce(p.together / greatest(p.runs, 1), 0) AS together_share
FROM bloc_edges AS e
JOIN bloc_membership AS a
  ON a.meeting = e.meeting AND a.agenda_item IS NOT DISTINCT FROM e.agenda_item
 AND a.org_group = e.source
JOIN bloc_membership AS b
  ON b.meeting = e.meeting AND b.agenda_item IS NOT DISTINCT FROM e.agenda_item
 AND b.org_group = e.target
LEFT JOIN bloc_pairs AS p
  ON p.meeting = e.meeting AND p.agenda_item IS NOT DISTINCT FROM e.agenda_item
 AND p.org_group_a = e.source AND p.org_group_b = e.target
WHERE e.meeting = $meeting AND e.agenda_item IS NOT DISTINCT FROM $agenda_item
ORDER BY e.weight DESC, e.source, e.target
LIMIT $edges
