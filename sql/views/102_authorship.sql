-- authorship: one row per author of an IETF draft or RFC (per organization, when the
-- affiliation is joint), with the document's year, the author's organization and its
-- corporate group on the document's date, the author's normalised country, and the
-- author's fractional credit: a document with four authors gives each 1/4 (a joint
-- affiliation splits that further). An RFC is dated by its publication (the datatracker's
-- published_rfc event, a Pacific-time date); a draft by its latest revision.
CREATE OR REPLACE VIEW authorship AS
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
authors AS (
    SELECT a.*, count(*) OVER (PARTITION BY a.document) AS n_authors
    FROM ietf_document_authors AS a
),
rows AS (
    SELECT docs.document, docs.doc_type, docs.stream, docs.dated, year(docs.dated) AS year,
           coalesce(a.person_key, 'author:' || a.author_id) AS author_key,
           a.affiliation, a.country_raw, a.country_code,
           r.org_id, coalesce(r.org_name, 'Unspecified') AS org,
           (coalesce(r.weight, 1::DECIMAL(38, 18)) * equal_share(a.n_authors))::DECIMAL(38, 18)
               AS credit
    FROM authors AS a
    JOIN docs USING (document)
    LEFT JOIN affiliation_resolution AS r ON r.raw = a.affiliation
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

-- authorship_by_group: per year and corporate group, the distinct authors writing for it,
-- the documents it co-authored, and its fractional credit (the sum of its authors' 1/n
-- shares, so the groups of a year add up to the year's documents), split drafts / RFCs.
CREATE OR REPLACE VIEW authorship_by_group AS
SELECT body, year, org_group,
       count(DISTINCT author_key) AS authors,
       count(DISTINCT document) AS documents,
       sum(credit)::DOUBLE AS fractional,
       count(DISTINCT document) FILTER (WHERE doc_type = 'draft') AS drafts,
       count(DISTINCT document) FILTER (WHERE doc_type = 'rfc') AS rfcs,
       coalesce(sum(credit) FILTER (WHERE doc_type = 'draft'), 0)::DOUBLE AS fractional_drafts,
       coalesce(sum(credit) FILTER (WHERE doc_type = 'rfc'), 0)::DOUBLE AS fractional_rfcs,
       any_value(hq_country) AS hq_country,
       sum(credit) / sum(sum(credit)) OVER (PARTITION BY body, year) AS share
FROM authorship
GROUP BY body, year, org_group;

-- authorship_by_country: the same by the country authors typed, normalised to ISO alpha-2
-- (NULL: unknown, never guessed). Each author counts once per document, under the country
-- on that document; and once per year in 'authors', under the country they gave most that
-- year — so a traveller is never counted in several countries and shares add up to 100 %.
CREATE OR REPLACE VIEW authorship_by_country AS
WITH main_country AS (
    SELECT body, year, author_key,
           arg_max(country_code, n ORDER BY country_code NULLS LAST) AS country_code
    FROM (
        SELECT body, year, author_key, country_code, sum(credit) AS n
        FROM authorship GROUP BY ALL
    )
    GROUP BY ALL
),
per_country AS (
    SELECT body, year, country_code,
           count(DISTINCT document) AS documents,
           sum(credit) AS fractional,
           count(DISTINCT document) FILTER (WHERE doc_type = 'draft') AS drafts,
           count(DISTINCT document) FILTER (WHERE doc_type = 'rfc') AS rfcs,
           coalesce(sum(credit) FILTER (WHERE doc_type = 'draft'), 0) AS fractional_drafts,
           coalesce(sum(credit) FILTER (WHERE doc_type = 'rfc'), 0) AS fractional_rfcs
    FROM authorship
    GROUP BY ALL
),
people AS (
    SELECT body, year, country_code, count(*) AS authors
    FROM main_country GROUP BY ALL
)
SELECT c.body, c.year, c.country_code,
       coalesce(p.authors, 0) AS authors,
       c.documents, c.fractional::DOUBLE AS fractional, c.drafts, c.rfcs,
       c.fractional_drafts::DOUBLE AS fractional_drafts,
       c.fractional_rfcs::DOUBLE AS fractional_rfcs,
       c.fractional / sum(c.fractional) OVER (PARTITION BY c.body, c.year) AS share
FROM per_country AS c
LEFT JOIN people AS p
  ON p.body = c.body AND p.year = c.year AND p.country_code IS NOT DISTINCT FROM c.country_code;
