-- bloc_comembership: for each pair of corporate groups tied into a 3GPP co-signature
-- network (a meeting, agenda_item NULL, or one of its agenda items), the share of the
-- Leiden runs that put the two in one community. Both orders of each pair are listed, so
-- `WHERE org_group_a = 'Huawei'` finds all of Huawei's. A pair no run put together is
-- not listed: its share is 0. A network too small to split (runs 0) puts its two groups
-- together: share 1. How the runs were made is in bloc_runs.
CREATE OR REPLACE VIEW bloc_comembership AS
SELECT body, meeting, agenda_item, org_group_a, org_group_b,
       together / greatest(runs, 1) AS together_share, together, runs
FROM bloc_pairs
UNION ALL
SELECT body, meeting, agenda_item, org_group_b, org_group_a,
       together / greatest(runs, 1), together, runs
FROM bloc_pairs;

-- bloc_membership: the estimated co-signature blocs of each 3GPP meeting (agenda_item
-- NULL) and of each agenda item with enough co-signed documents. bloc is the camp of the
-- consensus partition (B<n>: the same label means the same camp from meeting to meeting
-- where the members allow, see bloc_labels); 'undecided' when the group sits with that
-- bloc in fewer than bloc_runs.settled_stability of the runs (consensus_bloc says where
-- the consensus put it, alternative_bloc where else it sits and how often); 'unattached'
-- when it co-signed with no one. strength is the stability: the share of runs the group
-- sits with its consensus bloc. votes: the group's votes at the meeting.
CREATE OR REPLACE VIEW bloc_membership AS
WITH run AS (SELECT run_id, settled_stability FROM bloc_runs LIMIT 1)
SELECT m.body, m.meeting, m.agenda_item,
       CASE WHEN m.bloc = 0 THEN 'unattached'
            WHEN m.stability < run.settled_stability THEN 'undecided'
            ELSE 'B' || l.label END AS bloc,
       m.org_group, m.stability AS strength,
       coalesce(v.votes, 0) AS votes, m.documents, run.run_id,
       CASE WHEN m.bloc > 0 THEN 'B' || l.label END AS consensus_bloc,
       'B' || la.label AS alternative_bloc, m.alternative_share, m.weight_inside
FROM bloc_members AS m
CROSS JOIN run
LEFT JOIN bloc_labels AS l
  ON l.meeting = m.meeting AND l.agenda_item IS NOT DISTINCT FROM m.agenda_item
 AND l.bloc = m.bloc
LEFT JOIN bloc_labels AS la
  ON la.meeting = m.meeting AND la.agenda_item IS NOT DISTINCT FROM m.agenda_item
 AND la.bloc = m.alternative
LEFT JOIN votes_by_group AS v ON v.meeting = m.meeting AND v.org_group = m.org_group;
