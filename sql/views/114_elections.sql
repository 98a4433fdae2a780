-- elections: the chair and vice-chair elections of 3GPP working groups as the chair's
-- reports print them, one row per candidate per ballot; an acclamation is one row with
-- ballot and votes NULL and outcome 'acclaimed'. company is the Individual Member the
-- candidate stood for as printed, org_group and hq_country its corporate group on the
-- meeting's date. votes_cast, eligible_voters (Individual Members with a right to vote)
-- and the columns after outcome are the ballot's, as far as the report gives them.
-- outcome: elected, acclaimed, next ballot (stood again), withdrew, not elected, eliminated.
CREATE OR REPLACE VIEW elections AS
SELECT '3gpp' AS body, m.group_code, e.meeting, e.position, e.ballot, e.candidate,
       e.company,
       coalesce(g.name, r.org_name, e.company) AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country,
       e.votes, e.votes_cast, e.eligible_voters, e.outcome,
       e.partner, e.percent, e.abstentions, e.returned_papers, e.proxy_votes, e.in_person,
       e.by_proxy, e.quorum_reached
FROM threegpp_elections AS e
LEFT JOIN threegpp_meetings AS m USING (meeting)
LEFT JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN affiliation_resolution AS r ON r.raw = e.company AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date);
