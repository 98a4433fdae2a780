-- voting_rights: for each 3GPP meeting, every Individual Member in the attendance window
-- and whether it held a vote there: represented at enough of the group's previous meetings
-- (the rule and its parameters are in bloc_runs), with its corporate group and HQ country on
-- the meeting's date. present = represented at this meeting. basis says whether presence
-- comes from participant lists or from the labelled proxy (uploaders and member entities).
CREATE OR REPLACE VIEW voting_rights AS
SELECT '3gpp' AS body, v.group_code, v.meeting, v.member,
       coalesce(g.name, r.org_name, v.member) AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country,
       v.eligible, v.present, v.organizational_partner, v.represented, v.window_loaded,
       v.basis
FROM threegpp_voting_rights AS v
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN affiliation_resolution AS r ON r.raw = v.member AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date);
