-- The Individual Members represented at each 3GPP meeting, with their Organizational
-- Partner: from the participant list (its delegates as `participation` counts them), else,
-- for a meeting without one, the labelled proxy — every entity on the latest member list of
-- each corporate group whose people uploaded TDocs there. A member listed under several
-- Organizational Partners (NTT DOCOMO under ARIB and TTC) counts under the alphabetically
-- first, so the same records always give the same partner (and the same per-partner caps).
SELECT p.meeting, p.individual_member AS member,
       min(p.organizational_partner) AS organizational_partner
FROM threegpp_participants AS p
JOIN participation AS a
  ON a.body = '3gpp' AND a.meeting = p.meeting AND a.delegate_key = p.delegate_key
 AND a.affiliation = p.individual_member
GROUP BY ALL
UNION ALL
SELECT u.meeting, mem.long_name AS member, min(mem.partner)
FROM uploaders_by_group AS u
JOIN threegpp_meeting_dates AS d USING (meeting)
JOIN (
    SELECT long_name, partner FROM threegpp_members
    WHERE member_type = 'individual' AND as_of = (SELECT max(as_of) FROM threegpp_members)
) AS mem ON true
JOIN affiliation_resolution AS r ON r.raw = mem.long_name AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date)
WHERE coalesce(g.name, r.org_name) = u.org_group
  AND NOT EXISTS (SELECT 1 FROM threegpp_participants AS p WHERE p.meeting = u.meeting)
GROUP BY ALL
