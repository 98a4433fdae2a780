-- leadership_by_group: seats (chair, vice-chair…) held per corporate group, as the chair's
-- reports name them, with the group's HQ country and the meeting date they are as of.
CREATE OR REPLACE VIEW leadership_by_group AS
SELECT '3gpp' AS body, m.group_code, c.role,
       coalesce(g.name, r.org_name, c.organization) AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country,
       count(*) AS seats,
       d.meeting_date AS as_of,
       c.meeting
FROM threegpp_chairs AS c
JOIN threegpp_meetings AS m USING (meeting)
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN affiliation_resolution AS r ON r.raw = c.organization AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date)
WHERE c.organization IS NOT NULL
GROUP BY ALL;
