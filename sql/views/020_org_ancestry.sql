-- org_ancestry: for each organization, every ancestor up its parent chain with the
-- dates during which that whole chain held (NULL = open). The ultimate parent of an
-- org on a date is its deepest ancestor whose span contains the date: Motorola Mobility
-- rolls up to Google in 2013 and to Lenovo in 2015.
CREATE OR REPLACE VIEW org_ancestry AS
WITH RECURSIVE chain(org_id, ancestor_id, depth, valid_from, valid_to) AS (
    SELECT org_id, org_id, 0, NULL::DATE, NULL::DATE
    FROM organizations
    UNION ALL
    SELECT c.org_id, p.parent_id, c.depth + 1,
           greatest(c.valid_from, p.valid_from),
           least(c.valid_to, p.valid_to)
    FROM chain AS c
    JOIN org_parents AS p ON p.org_id = c.ancestor_id
    WHERE c.depth < 10  -- a cycle in the reference data must not hang a query
      AND (c.valid_to IS NULL OR p.valid_from IS NULL OR p.valid_from < c.valid_to)
      AND (c.valid_from IS NULL OR p.valid_to IS NULL OR c.valid_from < p.valid_to)
)
SELECT org_id, ancestor_id, depth, valid_from, valid_to
FROM chain;

-- org_group_on(org_id, day): the ultimate parent's org_id on that day. The alias inside is
-- deliberately unusual: macro arguments are pasted in as written, so an argument like
-- a.org_id would otherwise bind to the inner table and match every row.
CREATE OR REPLACE MACRO org_group_on(o, day) AS (
    SELECT arg_max(_ancestry.ancestor_id, _ancestry.depth)
    FROM org_ancestry AS _ancestry
    WHERE _ancestry.org_id = o
      AND (_ancestry.valid_from IS NULL OR _ancestry.valid_from <= day)
      AND (_ancestry.valid_to IS NULL OR day < _ancestry.valid_to)
);
