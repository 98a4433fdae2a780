-- 001_core: refresh audit, raw-response lineage, IETF meetings and registrations,
-- organization reference data and the resolution of raw affiliation strings.

-- One row per refresh of one source: what ran, how it ended, what it cost.
CREATE TABLE refresh_runs (
    run_id      VARCHAR PRIMARY KEY,
    source      VARCHAR NOT NULL,          -- 'ietf', '3gpp'
    mode        VARCHAR NOT NULL,          -- 'live' or 'offline'
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL,          -- 'running', 'ok', 'failed' ('crashed': 013)
    requests    INTEGER,
    rows_loaded BIGINT,
    message     VARCHAR
);

-- Every response body a loaded row came from; the body itself is in the raw
-- archive under objects/<sha256[:2]>/<sha256>.gz.
CREATE TABLE raw_responses (
    url          VARCHAR NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    status       INTEGER NOT NULL,
    content_type VARCHAR,
    sha256       VARCHAR NOT NULL,
    bytes        BIGINT,
    first_run_id VARCHAR,
    PRIMARY KEY (url, fetched_at, sha256)
);

CREATE TABLE ietf_meetings (
    meeting            VARCHAR PRIMARY KEY,   -- '110'
    datatracker_id     BIGINT,
    start_date         DATE NOT NULL,
    end_date           DATE NOT NULL,
    city               VARCHAR,
    country_code       VARCHAR,
    time_zone          VARCHAR,
    reported_attendees BIGINT,               -- the datatracker's own 'attendees' field
    raw_sha256         VARCHAR
);

-- One row per registration record; 'source' names the datatracker resource.
CREATE TABLE ietf_registrations (
    meeting      VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,           -- 'registration' or 'meetingregistration'
    source_id    BIGINT NOT NULL,
    person_key   VARCHAR,                    -- one-way key of the person, for counting only
    affiliation  VARCHAR NOT NULL,           -- as typed by the registrant ('' if none)
    country_code VARCHAR,                    -- as declared by the registrant
    attendance   VARCHAR NOT NULL,           -- onsite, remote, hackathon_onsite, …, unknown
    ticket_type  VARCHAR,
    is_delegate  BOOLEAN NOT NULL,           -- registered for the meeting itself
    attended     BOOLEAN,
    raw_sha256   VARCHAR,
    PRIMARY KEY (meeting, source, source_id)
);

-- Curated reference data, reloaded from warehouse/reference/*.csv on every refresh.
CREATE TABLE organizations (
    org_id     VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR,
    hq_country VARCHAR,
    evidence   VARCHAR
);

CREATE TABLE org_parents (
    org_id     VARCHAR NOT NULL,
    parent_id  VARCHAR NOT NULL,
    valid_from DATE,                          -- NULL: since always
    valid_to   DATE,                          -- NULL: still; exclusive
    evidence   VARCHAR
);

-- Each distinct raw affiliation string seen, and what it resolved to.
CREATE TABLE affiliation_resolution (
    raw      VARCHAR PRIMARY KEY,
    org_id   VARCHAR,                         -- NULL when unresolved
    org_name VARCHAR NOT NULL,                -- the org's name, or the cleaned raw string
    method   VARCHAR NOT NULL                 -- empty, alias, prefix, unresolved
);
