-- bloc_membership: the estimated co-signature blocs of each 3GPP meeting (agenda_item NULL)
-- and of each agenda item with enough co-signed documents: which corporate groups fall in
-- which bloc (B1 = the bloc with most members), how firmly (strength: the share of the
-- group's backbone co-signature weight that stays inside its bloc), and the group's votes
-- at the meeting; 'unattached' groups co-signed nothing beyond what chance explains. How the
-- blocs were found is in bloc_runs (weighting, backbone, seed).
CREATE OR REPLACE VIEW bloc_membership AS
SELECT a.body, a.meeting, a.agenda_item,
       CASE WHEN a.bloc = 0 THEN 'unattached' ELSE 'B' || a.bloc END AS bloc,
       a.org_group, a.strength,
       coalesce(v.votes, 0) AS votes, a.documents, a.run_id
FROM bloc_assignments AS a
LEFT JOIN votes_by_group AS v ON v.meeting = a.meeting AND v.org_group = a.org_group;
