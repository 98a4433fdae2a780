-- ietf_authorship_by_group rows (the authorship_by_group view; sql/views/102_authorship.sql
-- says what they mean), computed by the derived rebuild: warehouse/derived/ietf_tables.py.
SELECT body, year, org_group,
       count(DISTINCT author_key) AS authors,
       count(DISTINCT document) AS documents,
       sum(credit) AS fractional,
       count(DISTINCT document) FILTER (WHERE doc_type = 'draft') AS drafts,
       count(DISTINCT document) FILTER (WHERE doc_type = 'rfc') AS rfcs,
       coalesce(sum(credit) FILTER (WHERE doc_type = 'draft'), 0) AS fractional_drafts,
       coalesce(sum(credit) FILTER (WHERE doc_type = 'rfc'), 0) AS fractional_rfcs,
       min(hq_country) AS hq_country,  -- one per group; min, not any_value: same rows, same pick
       sum(credit) / sum(sum(credit)) OVER (PARTITION BY body, year) AS share
FROM authorship
GROUP BY body, year, org_group;
