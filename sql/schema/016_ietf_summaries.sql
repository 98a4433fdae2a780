-- 016_ietf_summaries: authorship_by_group, authorship_by_country and
-- session_attendance_by_group, stored by the derived rebuild (warehouse/derived/ietf_tables.py):
-- distinct counts over a million author rows, and 1.7 million attendance rows joined to
-- resolved registrations, took 1-2.4 s per query at ten times the real history.
CREATE TABLE ietf_authorship_by_group (
    body              VARCHAR NOT NULL,
    year              BIGINT,
    org_group         VARCHAR,
    authors           BIGINT,
    documents         BIGINT,
    fractional        DOUBLE,
    drafts            BIGINT,
    rfcs              BIGINT,
    fractional_drafts DOUBLE,
    fractional_rfcs   DOUBLE,
    hq_country        VARCHAR,
    share             DOUBLE
);

CREATE TABLE ietf_authorship_by_country (
    body              VARCHAR NOT NULL,
    year              BIGINT,
    country_code      VARCHAR,
    authors           BIGINT,
    documents         BIGINT,
    fractional        DOUBLE,
    drafts            BIGINT,
    rfcs              BIGINT,
    fractional_drafts DOUBLE,
    fractional_rfcs   DOUBLE,
    share             DOUBLE
);

CREATE TABLE ietf_session_attendance_by_group (
    body         VARCHAR NOT NULL,
    meeting      VARCHAR,
    group_code   VARCHAR,
    org_group    VARCHAR,
    hq_country   VARCHAR,
    attendees    DOUBLE,
    onsite       DOUBLE,
    remote       DOUBLE,
    unregistered DOUBLE
);
