-- ietf_authorship_by_country rows (the authorship_by_country view; sql/views/102_authorship.sql
-- says what they mean), computed by the derived rebuild: warehouse/derived/ietf_tables.py.
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
       c.documents, c.fractional, c.drafts, c.rfcs,
       c.fractional_drafts,
       c.fractional_rfcs,
       c.fractional / sum(c.fractional) OVER (PARTITION BY c.body, c.year) AS share
FROM per_country AS c
LEFT JOIN people AS p
  ON p.body = c.body AND p.year = c.year AND p.country_code IS NOT DISTINCT FROM c.country_code;
