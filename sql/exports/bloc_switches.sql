-- bloc_switches of the meetings the week covers: the corporate groups that left their
-- camp since the group's previous meeting (used for the changes file); together_share is
-- the share of runs that still put them with their previous bloc-mates, previous_share the
-- same measure at the previous meeting (the group's stability in that bloc).
SELECT s.body, s.meeting, s.previous_meeting, s.org_group, s.together_share,
       m.stability AS previous_share
FROM bloc_switches AS s
JOIN bloc_members AS m
  ON m.meeting = s.previous_meeting AND m.agenda_item IS NULL AND m.org_group = s.org_group
WHERE s.switched AND list_contains($meetings, s.meeting)
  AND (s.body, s.meeting) IN (SELECT (body, meeting) FROM week_meetings)
ORDER BY s.body, s.meeting, s.together_share, s.org_group
