-- authorship: one row per author of an IETF draft or RFC (per organization, when the
-- affiliation is joint), with the document's year, the author's organization and its
-- corporate group on the document's date, the author's normalised country, and the
-- author's fractional credit: a document with four authors gives each 1/4 (a joint
-- affiliation splits that further). An RFC is dated by its publication (the datatracker's
-- published_rfc event, a Pacific-time date); a draft by its latest revision.
CREATE OR REPLACE VIEW authorship AS
-- computed by each load that changed what it reads: sql/derive/ietf_authorship.sql
SELECT * FROM ietf_authorship;

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
