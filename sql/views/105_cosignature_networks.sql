-- cosignature_documents: each 3GPP document's co-signing corporate groups (meeting,
-- agenda_item, document, org_group), from its Source and, for documents the chair's report
-- lists, the report's co-signer list; a group named twice on a document is one row. The
-- co-signature networks of the bloc estimate are built from these.
CREATE OR REPLACE VIEW cosignature_documents AS
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
WHERE c.kind = 'company';

-- cosignature_network_rows(min_documents): the rows each co-signature network is built
-- from. Every document of a meeting counts in the whole meeting's network (agenda_item
-- NULL), and again in its agenda item's network when that item has at least
-- min_documents documents with two or more co-signing groups.
CREATE OR REPLACE MACRO cosignature_network_rows(min_documents) AS TABLE
WITH signers AS (
    SELECT meeting, agenda_item, document, count(*) AS k
    FROM cosignature_documents
    GROUP BY ALL
),
items AS (
    SELECT meeting, agenda_item
    FROM signers
    WHERE agenda_item IS NOT NULL AND k >= 2
    GROUP BY ALL
    HAVING count(*) >= min_documents
)
SELECT meeting, NULL::VARCHAR AS agenda_item, document, org_group
FROM cosignature_documents
UNION ALL
SELECT c.meeting, c.agenda_item, c.document, c.org_group
FROM cosignature_documents AS c
JOIN items USING (meeting, agenda_item);
