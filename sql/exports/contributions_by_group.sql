-- contributions_by_group.csv: 3GPP TDocs per corporate group at each meeting the week
-- covers: full and fractional credit, approved, approval rate over treated TDocs.
SELECT c.body, c.meeting, e.group_code, e.start_date, c.org_group, c.hq_country,
       c.contributions, c.fractional, c.approved, c.treated, c.approval_rate
FROM contributions_by_group AS c
JOIN week_meetings AS e USING (body, meeting)
WHERE list_contains($meetings, c.meeting)
ORDER BY c.body, e.start_date, c.meeting, c.contributions DESC, c.org_group
