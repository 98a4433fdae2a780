-- ietf_leadership_seats: one row per IETF role held on a date (each plenary meeting's first
-- day, and today), with the holder's affiliation nearest that date resolved to an
-- organization and its corporate group then. A joint affiliation splits the seat (weight).
-- The building block of leadership_by_group; people appear only as one-way keys.
-- ietf_leadership_seats_on(days): the same for the dates given, a list of
-- {meeting, as_of}. The derived rebuild stores the meeting days' rows
-- (ietf_leadership_seats_at_meetings); today's are computed when asked.
CREATE OR REPLACE MACRO ietf_leadership_seats_on(days) AS TABLE
WITH dates AS (
    SELECT d.meeting, d.as_of FROM (SELECT unnest(days, recursive := true)) AS d
),
held AS (
    SELECT s.person_key, s.role, s.group_acronym, d.meeting, d.as_of
    FROM ietf_role_spells AS s
    JOIN dates AS d
      ON s.since <= d.as_of AND (s.until IS NULL OR d.as_of < s.until)
    WHERE s.person_key IS NOT NULL
),
nearest AS (
    SELECT h.person_key, h.as_of,
           -- ties (equally near, or two affiliations typed the same day) go to the
           -- earlier date, then to what a registration said, then alphabetically: the
           -- same records give the same affiliation whatever order the rows come in
           arg_min(a.affiliation, (abs(date_diff('day', a.dated, h.as_of)), a.dated,
                                   a.source <> 'registration', a.affiliation)) AS affiliation
    FROM (SELECT DISTINCT person_key, as_of FROM held) AS h
    JOIN ietf_person_affiliations AS a USING (person_key)
    GROUP BY ALL
),
resolved AS (
    SELECT h.*, n.affiliation, r.org_id,
           coalesce(r.org_name, 'Unspecified') AS org_name,
           coalesce(r.weight, 1::DECIMAL(38, 6)) AS weight
    FROM held AS h
    LEFT JOIN nearest AS n USING (person_key, as_of)
    LEFT JOIN affiliation_resolution AS r ON r.raw = n.affiliation
),
groups AS (
    SELECT q.org_id, q.as_of, arg_max(o.ancestor_id, o.depth) AS group_id
    FROM (SELECT DISTINCT org_id, as_of FROM resolved WHERE org_id IS NOT NULL) AS q
    JOIN org_ancestry AS o
      ON o.org_id = q.org_id
     AND (o.valid_from IS NULL OR o.valid_from <= q.as_of)
     AND (o.valid_to IS NULL OR q.as_of < o.valid_to)
    GROUP BY q.org_id, q.as_of
)
SELECT 'ietf' AS body, r.group_acronym AS group_code, r.role,
       coalesce(g.name, r.org_name) AS org_group, g.hq_country,
       r.weight, r.as_of, r.meeting
FROM resolved AS r
LEFT JOIN groups AS gm ON gm.org_id = r.org_id AND gm.as_of = r.as_of
LEFT JOIN organizations AS g ON g.org_id = gm.group_id;

CREATE OR REPLACE VIEW ietf_leadership_seats AS
SELECT * FROM ietf_leadership_seats_at_meetings
UNION ALL
SELECT * FROM ietf_leadership_seats_on([{'meeting': NULL::VARCHAR, 'as_of': current_date}]);
