-- participation_resolved: participation with each delegate's affiliation resolved to the
-- organization (org), its ultimate parent on the meeting's date (org_group) and that
-- group's HQ country. A delegate with a joint affiliation has one row per organization,
-- each carrying its share in 'weight' (the rows of one delegate sum to exactly 1: whole
-- millionths, scrapers/shares.py), an exact DECIMAL(38, 6): sums of it do not depend on the
-- order rows are added in. part: the organization's place in the affiliation as typed
-- (1: the first listed, where the person counts in `people`).
CREATE OR REPLACE VIEW participation_resolved AS
-- computed per body by each load that changed what it reads: sql/derive/participation_rows.sql
SELECT * FROM participation_rows;
