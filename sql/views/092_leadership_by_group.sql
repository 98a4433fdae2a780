-- leadership_by_group: seats held per corporate group, with the group's HQ country and the
-- date the seats are as of.
-- 3GPP: the session chairs (chair, vice-chair…) the chair's reports name, as of each meeting.
-- IETF: roles in IETF groups (group_code is the group's acronym: 'quic', 'iab', 'tsv'; role
-- the datatracker's: chair, secr, ad, member, delegate…) held on each plenary meeting's
-- first day, plus the seats held now (meeting NULL, as_of today). A person's affiliation is
-- the one they typed nearest that date, at a meeting registration or on a document.
CREATE OR REPLACE VIEW leadership_by_group AS
SELECT '3gpp' AS body, m.group_code, c.role,
       coalesce(g.name, r.org_name, c.organization) AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country,
       count(*)::DECIMAL(38, 6) AS seats,
       d.meeting_date AS as_of,
       c.meeting
FROM threegpp_chairs AS c
JOIN threegpp_meetings AS m USING (meeting)
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN affiliation_resolution AS r ON r.raw = c.organization AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date)
WHERE c.organization IS NOT NULL
GROUP BY ALL
UNION ALL
-- the meeting days' sums are stored (sql/derive/ietf_leadership_by_group_at_meetings.sql)
SELECT body, group_code, role, org_group, hq_country, seats, as_of, meeting
FROM ietf_leadership_by_group_at_meetings
UNION ALL
SELECT body, group_code, role, org_group, hq_country, sum(weight) AS seats, as_of, meeting
FROM ietf_leadership_seats_on([{'meeting': NULL::VARCHAR, 'as_of': current_date}])
GROUP BY ALL;
