-- bloc_switches of the meetings the week covers: the corporate groups that changed bloc
-- since the group's previous meeting (used for the changes file).
SELECT s.body, s.meeting, s.previous_meeting, s.org_group, s.jaccard
FROM bloc_switches AS s
WHERE s.switched AND s.meeting IN (
    SELECT meeting FROM export_meetings($week_start, $week_end) WHERE body = s.body)
ORDER BY s.body, s.meeting, s.jaccard, s.org_group
