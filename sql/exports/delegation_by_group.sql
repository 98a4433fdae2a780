-- delegation_by_group.csv: delegates per corporate group at each meeting the week covers
-- (export_meetings), with the group's HQ country, onsite/remote split and share, and the
-- basis counted (a 3GPP meeting without a readable participant list: one row saying so).
SELECT d.body, d.meeting, e.group_code, e.start_date, d.org_group, d.hq_country,
       d.delegates, d.onsite, d.remote, d.share, d.basis, d.people
FROM delegation_by_group AS d
JOIN week_meetings AS e USING (body, meeting)
WHERE list_contains($meetings, d.meeting)
ORDER BY d.body, e.start_date, d.meeting, d.delegates DESC, d.org_group
