-- Every consensus bloc of every network, with its settled members (stability at least
-- $settled), sorted: the evidence camp labels are matched on.
SELECT c.meeting, c.agenda_item, c.bloc,
       list(m.org_group ORDER BY m.org_group) FILTER (WHERE m.org_group IS NOT NULL) AS members
FROM bloc_cohesion AS c
LEFT JOIN bloc_members AS m
  ON m.meeting = c.meeting AND m.agenda_item IS NOT DISTINCT FROM c.agenda_item
 AND m.bloc = c.bloc AND m.stability >= $settled
GROUP BY c.meeting, c.agenda_item, c.bloc
ORDER BY c.meeting, c.agenda_item NULLS FIRST, c.bloc
