-- 015_ietf_materialised: the rows behind the authorship and IETF leadership views, computed
-- once by the derived rebuild of a load that changed IETF records, resolution or reference
-- (warehouse/derived/ietf_tables.py) instead of on every query. Same columns as the views.
CREATE TABLE ietf_authorship (
    body         VARCHAR NOT NULL,
    year         BIGINT,
    document     VARCHAR NOT NULL,
    doc_type     VARCHAR,
    stream       VARCHAR,
    dated        DATE,
    author_key   VARCHAR,
    affiliation  VARCHAR,
    org          VARCHAR,
    org_group    VARCHAR,
    hq_country   VARCHAR,
    country_raw  VARCHAR,
    country_code VARCHAR,
    credit       DECIMAL(38, 18)
);

-- the seats held on each plenary meeting's first day; the seats held today are computed
-- when asked (ietf_leadership_seats), so "today" is never the day of the last load
CREATE TABLE ietf_leadership_seats_at_meetings (
    body        VARCHAR NOT NULL,
    group_code  VARCHAR,
    role        VARCHAR,
    org_group   VARCHAR,
    hq_country  VARCHAR,
    weight      DECIMAL(38, 18),
    as_of       DATE NOT NULL,
    meeting     VARCHAR
);
