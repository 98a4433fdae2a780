-- cosignature_documents: each 3GPP document's co-signing corporate groups (meeting,
-- agenda_item, document, org_group), from its Source and, for documents the chair's report
-- lists, the report's co-signer list; a group named twice on a document is one row. The
-- co-signature networks of the bloc estimate are built from these.
-- cosignature_documents_in(meetings) gives the same for a list of meetings only (NULL: all);
-- the list is tested on each table read, where a filter on the view reached none of them.
CREATE OR REPLACE MACRO cosignature_documents_in(meetings) AS TABLE
SELECT DISTINCT c.meeting,
       coalesce(t.agenda_item, rd.agenda_item) AS agenda_item,
       c.tdoc AS document,
       coalesce(g.name, r.org_name, c.party) AS org_group
FROM threegpp_cosigners AS c
JOIN threegpp_meeting_dates AS d
  ON d.meeting = c.meeting AND (meetings IS NULL OR list_contains(meetings, d.meeting))
LEFT JOIN threegpp_tdocs AS t
  ON t.meeting = c.meeting AND t.tdoc = c.tdoc
 AND (meetings IS NULL OR list_contains(meetings, t.meeting))
LEFT JOIN threegpp_report_documents AS rd ON rd.meeting = c.meeting AND rd.tdoc = c.tdoc
LEFT JOIN affiliation_resolution AS r ON r.raw = c.party AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date)
WHERE c.kind = 'company' AND (meetings IS NULL OR list_contains(meetings, c.meeting));

CREATE OR REPLACE VIEW cosignature_documents AS
SELECT * FROM cosignature_documents_in(NULL::VARCHAR[]);

-- cosignature_network_rows(min_documents): the rows each co-signature network is built
-- from. Every document of a meeting counts in the whole meeting's network (agenda_item
-- NULL), and again in its agenda item's network when that item has at least
-- min_documents documents with two or more co-signing groups. cosignature_network_rows_in
-- (min_documents, meetings): those of a list of meetings (NULL: all), as the bloc rebuild
-- reads them, a chunk of meetings at a time.
CREATE OR REPLACE MACRO cosignature_network_rows_in(min_documents, meetings) AS TABLE
WITH documents AS (
    SELECT * FROM cosignature_documents_in(meetings)
),
signers AS (
    SELECT meeting, agenda_item, document, count(*) AS k
    FROM documents
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
FROM documents
UNION ALL
SELECT c.meeting, c.agenda_item, c.document, c.org_group
FROM documents AS c
JOIN items USING (meeting, agenda_item);

CREATE OR REPLACE MACRO cosignature_network_rows(min_documents) AS TABLE
SELECT * FROM cosignature_network_rows_in(min_documents, NULL::VARCHAR[]);
