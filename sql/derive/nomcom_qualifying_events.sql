-- NomCom path 3 input: publication and approval events, each with the RFC the document is
-- or became, so an approved draft and its RFC count as one work.
SELECT e.document,
       coalesce(o.rfc, CASE WHEN d.doc_type = 'rfc' THEN e.document END) AS rfc,
       e.event_type, e.time::TIMESTAMP AS time
FROM ietf_document_events AS e
LEFT JOIN ietf_rfc_origins AS o ON o.draft = e.document
LEFT JOIN ietf_documents AS d ON d.name = e.document
