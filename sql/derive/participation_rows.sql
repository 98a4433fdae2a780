-- participation_rows of one body ($body: 'ietf' or '3gpp'), the rows of the
-- participation_resolved view (sql/views/050_participation_resolved.sql says what they
-- mean), computed by the derived rebuild: warehouse/derived/participation.py.
WITH p AS (
    SELECT p.*, r.org_id, coalesce(r.org_name, 'Unspecified') AS org_name,
           coalesce(r.method, 'unresolved') AS method, coalesce(r.weight, 1::DECIMAL(38, 6)) AS weight,
           coalesce(r.part, 1) AS part,
           r.hq_country AS member_country
    FROM participation AS p
    LEFT JOIN affiliation_resolution AS r ON r.raw = p.affiliation
    WHERE p.body = $body
),
groups AS (
    SELECT q.org_id, q.meeting_date, arg_max(a.ancestor_id, a.depth) AS group_id
    FROM (SELECT DISTINCT org_id, meeting_date FROM p WHERE org_id IS NOT NULL) AS q
    JOIN org_ancestry AS a
      ON a.org_id = q.org_id
     AND (a.valid_from IS NULL OR a.valid_from <= q.meeting_date)
     AND (a.valid_to IS NULL OR q.meeting_date < a.valid_to)
    GROUP BY q.org_id, q.meeting_date
)
SELECT p.body, p.meeting, p.meeting_date, p.delegate_key, p.affiliation,
       p.declared_country, p.onsite, p.remote, p.attended,
       p.org_name AS org,
       coalesce(g.name, p.org_name) AS org_group,
       coalesce(g.hq_country, p.member_country) AS hq_country,
       p.method,
       p.weight,
       p.basis,
       p.part
FROM p
LEFT JOIN groups AS gm ON gm.org_id = p.org_id AND gm.meeting_date = p.meeting_date
LEFT JOIN organizations AS g ON g.org_id = gm.group_id
