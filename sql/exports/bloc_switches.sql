-- bloc_switches of the meetings the week covers: the corporate groups that left their
-- camp since the group's previous meeting (used for the changes file); together_share is
-- the share of runs that still put them with their previous bloc-mates.
SELECT s.body, s.meeting, s.previous_meeting, s.org_group, s.together_share
FROM bloc_switches AS s
WHERE s.switched AND list_contains($meetings, s.meeting)
  AND (s.body, s.meeting) IN (SELECT (body, meeting) FROM week_meetings)
ORDER BY s.body, s.meeting, s.together_share, s.org_group
