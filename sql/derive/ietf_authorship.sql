-- ietf_authorship rows (the authorship view; sql/views/102_authorship.sql says what they
-- mean), computed by the derived rebuild: warehouse/derived/ietf_tables.py.
WITH published AS (
    SELECT document, min(time) AS published
    FROM ietf_document_events
    WHERE event_type = 'published_rfc'
    GROUP BY document
),
docs AS (
    SELECT d.name AS document, d.doc_type, d.stream, d.rfc_number,
           timezone('America/Los_Angeles', coalesce(p.published, d.time))::DATE AS dated
    FROM ietf_documents AS d
    LEFT JOIN published AS p ON p.document = d.name
),
authors AS (  -- each author's equal share of the document, by author order
    SELECT a.*,
           equal_part(count(*) OVER (PARTITION BY a.document),
                      row_number() OVER (PARTITION BY a.document
                                         ORDER BY a.author_order NULLS LAST, a.author_id))
               AS author_share
    FROM ietf_document_authors AS a
),
joint AS (
    SELECT raw, part, count(*) OVER (PARTITION BY raw) AS parts
    FROM affiliation_resolution
),
rows AS (
    SELECT docs.document, docs.doc_type, docs.stream, docs.dated, year(docs.dated) AS year,
           coalesce(a.person_key, 'author:' || a.author_id) AS author_key,
           a.affiliation, a.country_raw, a.country_code,
           r.org_id, coalesce(r.org_name, 'Unspecified') AS org,
           -- the author's share split over a joint affiliation's organizations
           share_part(a.author_share, coalesce(j.parts, 1), coalesce(j.part, 1)) AS credit
    FROM authors AS a
    JOIN docs USING (document)
    LEFT JOIN affiliation_resolution AS r ON r.raw = a.affiliation
    LEFT JOIN joint AS j ON j.raw = r.raw AND j.part = r.part
),
groups AS (
    SELECT q.org_id, q.dated, arg_max(o.ancestor_id, o.depth) AS group_id
    FROM (SELECT DISTINCT org_id, dated FROM rows WHERE org_id IS NOT NULL) AS q
    JOIN org_ancestry AS o
      ON o.org_id = q.org_id
     AND (o.valid_from IS NULL OR o.valid_from <= q.dated)
     AND (o.valid_to IS NULL OR q.dated < o.valid_to)
    GROUP BY q.org_id, q.dated
)
SELECT 'ietf' AS body, rows.year, rows.document, rows.doc_type, rows.stream, rows.dated,
       rows.author_key, rows.affiliation, rows.org,
       coalesce(g.name, rows.org) AS org_group,
       g.hq_country,
       rows.country_raw, rows.country_code,
       rows.credit
FROM rows
LEFT JOIN groups AS gm ON gm.org_id = rows.org_id AND gm.dated = rows.dated
LEFT JOIN organizations AS g ON g.org_id = gm.group_id;
