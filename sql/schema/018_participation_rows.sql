-- 018_participation_rows: the rows behind participation_resolved (every delegate of every
-- meeting with their organization, corporate group and HQ country on the meeting's date),
-- computed per body by the derived rebuild of a load that changed that body's records, its
-- resolution or the reference (warehouse/derived/participation.py), instead of on every query of
-- the delegation views. Same columns as the view.
CREATE TABLE participation_rows (
    body             VARCHAR NOT NULL,
    meeting          VARCHAR NOT NULL,
    meeting_date     DATE,
    delegate_key     VARCHAR,
    affiliation      VARCHAR,
    declared_country VARCHAR,
    onsite           BOOLEAN,
    remote           BOOLEAN,
    attended         BOOLEAN,
    org              VARCHAR,
    org_group        VARCHAR,
    hq_country       VARCHAR,
    method           VARCHAR,
    weight           DECIMAL(38, 18),
    basis            VARCHAR
);
