-- The co-signature rows of bloc_summary (kind 'cosignature', sql/views/113_bloc_summary.sql
-- says what they mean): one per estimated bloc of each network, with its settled groups'
-- votes. Stored by the bloc rebuild (bloc_cosignature_summary), which writes everything
-- they read: ordering each bloc's members by votes and stability took ~1 s on every read
-- at the generated 3GPP history.
WITH totals AS (
    SELECT meeting, sum(votes) AS total FROM votes_by_group GROUP BY meeting
),
cosignature AS (
    SELECT m.body, m.meeting, m.agenda_item, m.bloc,
           count(*) AS members,
           sum(m.votes) AS votes,
           sum(m.votes) / nullif(any_value(t.total), 0) AS vote_share,
           string_agg(m.org_group, ', ' ORDER BY m.votes DESC, m.strength DESC, m.org_group)
               AS member_groups
    FROM bloc_membership AS m
    LEFT JOIN totals AS t USING (meeting)
    GROUP BY m.body, m.meeting, m.agenda_item, m.bloc
),
consensus AS (  -- cohesion and stability of each labelled consensus bloc
    SELECT c.meeting, c.agenda_item, 'B' || l.label AS bloc, c.cohesion, c.stability
    FROM bloc_cohesion AS c
    JOIN bloc_labels AS l
      ON l.meeting = c.meeting AND l.agenda_item IS NOT DISTINCT FROM c.agenda_item
     AND l.bloc = c.bloc
)
SELECT c.body, c.meeting, c.agenda_item, c.bloc, c.members, c.votes::DOUBLE AS votes,
       c.vote_share, c.vote_share > 0.29 AS can_block, c.vote_share >= 0.71 AS can_carry,
       'cosignature' AS kind, n.cohesion, c.member_groups,
       (SELECT any_value(basis) FROM votes_by_group AS v WHERE v.meeting = c.meeting) AS basis,
       n.stability
FROM cosignature AS c
LEFT JOIN consensus AS n
  ON n.meeting = c.meeting AND n.agenda_item IS NOT DISTINCT FROM c.agenda_item
 AND n.bloc = c.bloc
