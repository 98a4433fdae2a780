-- 003_joint_affiliations: a raw affiliation may resolve to several organizations ("Keio
-- University / WIDE Project"), each part carrying an equal share of the person. The table
-- holds derived data, rebuilt by every load, so it is recreated rather than altered.
DROP TABLE affiliation_resolution;
CREATE TABLE affiliation_resolution (
    raw      VARCHAR NOT NULL,
    part     INTEGER NOT NULL,                -- 1 unless the affiliation is joint
    org_id   VARCHAR,                         -- NULL when unresolved
    org_name VARCHAR NOT NULL,                -- the org's name, or the cleaned raw string
    method   VARCHAR NOT NULL,                -- empty, alias, prefix, fuzzy, unresolved
    weight   DOUBLE NOT NULL,                 -- the part's share; parts of a raw sum to 1
    PRIMARY KEY (raw, part)
);
