-- 020_contribution_rows: the rows behind the contributions view (one per TDoc and corporate
-- group that signed it, with the group's exact share), computed by the derived rebuild of
-- a load that changed the 3GPP records, their resolution or the reference
-- (warehouse/derived/contributions.py): resolving two million co-signatures to groups on every
-- query of contributions_by_group took ~2.7 s at the generated 3GPP history. Same columns
-- as the view.
CREATE TABLE contribution_rows (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    tdoc        VARCHAR NOT NULL,
    org_group   VARCHAR,
    hq_country  VARCHAR,
    fractional  DECIMAL(38, 18),
    type        VARCHAR,
    status      VARCHAR,
    treated     BOOLEAN,
    approved    BOOLEAN
);
