-- participation_resolved: participation with each delegate's affiliation resolved to the
-- organization (org), its ultimate parent on the meeting's date (org_group) and that
-- group's HQ country. A delegate with a joint affiliation has one row per organization,
-- each carrying its share in 'weight' (the rows of one delegate sum to 1), an exact
-- DECIMAL(38, 18): sums of it do not depend on the order rows are added in.
CREATE OR REPLACE VIEW participation_resolved AS
WITH p AS (
    SELECT p.*, r.org_id, coalesce(r.org_name, 'Unspecified') AS org_name,
           coalesce(r.method, 'unresolved') AS method, coalesce(r.weight, 1::DECIMAL(38, 18)) AS weight,
           r.hq_country AS member_country
    FROM participation AS p
    LEFT JOIN affiliation_resolution AS r ON r.raw = p.affiliation
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
       p.basis
FROM p
LEFT JOIN groups AS gm ON gm.org_id = p.org_id AND gm.meeting_date = p.meeting_date
LEFT JOIN organizations AS g ON g.org_id = gm.group_id;
