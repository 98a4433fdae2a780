-- Each 3GPP document's co-signing corporate groups (meeting, agenda_item, document,
-- org_group): from its Source and, for documents the chair's report lists, the report's
-- co-signer list. The co-signature networks are built from these.
SELECT DISTINCT c.meeting,
       coalesce(t.agenda_item, rd.agenda_item) AS agenda_item,
       c.tdoc AS document,
       coalesce(g.name, r.org_name, c.party) AS org_group
FROM threegpp_cosigners AS c
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN threegpp_tdocs AS t ON t.meeting = c.meeting AND t.tdoc = c.tdoc
LEFT JOIN threegpp_report_documents AS rd ON rd.meeting = c.meeting AND rd.tdoc = c.tdoc
LEFT JOIN affiliation_resolution AS r ON r.raw = c.party AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date)
WHERE c.kind = 'company'
