-- 005_ietf_documents_leadership_sessions: IETF authorship (documents, their authors, RFC
-- publication and IESG approval events, draft → RFC links), leadership (groups, their
-- history snapshots, current and historical roles), WG session attendance, the incremental
-- cursors each endpoint resumes from, and the NomCom eligibility and seat-odds results.
-- People appear only as person_key, a one-way key used to count a person once.

CREATE TABLE ietf_documents (
    name               VARCHAR PRIMARY KEY,     -- 'draft-ietf-quic-transport', 'rfc9000'
    doc_type           VARCHAR NOT NULL,        -- 'draft' or 'rfc'
    rfc_number         INTEGER,
    group_id           BIGINT,
    stream             VARCHAR,                 -- ietf, irtf, iab, ise, editorial, legacy
    std_level          VARCHAR,
    time               TIMESTAMPTZ NOT NULL,    -- last change (the incremental cursor)
    raw_sha256         VARCHAR
);

-- The authors as listed on the document's latest revision, with what they typed.
CREATE TABLE ietf_document_authors (
    author_id    BIGINT PRIMARY KEY,
    document     VARCHAR NOT NULL,
    person_key   VARCHAR,
    affiliation  VARCHAR NOT NULL,              -- as the author typed it ('' if none)
    country_raw  VARCHAR NOT NULL,              -- free text as typed ('' if none)
    country_code VARCHAR,                       -- ISO alpha-2, NULL when unknown
    author_order INTEGER,
    raw_sha256   VARCHAR
);

-- published_rfc and iesg_approved events: when an RFC appeared, when a draft was approved.
CREATE TABLE ietf_document_events (
    event_id   BIGINT PRIMARY KEY,
    document   VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    time       TIMESTAMPTZ NOT NULL,
    raw_sha256 VARCHAR
);

-- became_rfc relations: the draft an RFC came from.
CREATE TABLE ietf_rfc_origins (
    relation_id BIGINT PRIMARY KEY,
    draft       VARCHAR NOT NULL,
    rfc         VARCHAR NOT NULL,
    raw_sha256  VARCHAR
);

CREATE TABLE ietf_groups (
    group_id   BIGINT PRIMARY KEY,
    acronym    VARCHAR NOT NULL,
    name       VARCHAR,
    group_type VARCHAR,                         -- wg, rg, area, iab, nomcom, …
    state      VARCHAR,                         -- active, bof, conclude, …
    parent_id  BIGINT,
    time       TIMESTAMPTZ NOT NULL,            -- when the current state began
    raw_sha256 VARCHAR
);

-- A snapshot of a group's earlier state, from 'time' until the next snapshot (or the
-- group's current time): the roles attached to it were held during that span.
CREATE TABLE ietf_group_history (
    history_id BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL,
    acronym    VARCHAR,
    group_type VARCHAR,
    state      VARCHAR,
    time       TIMESTAMPTZ NOT NULL,
    raw_sha256 VARCHAR
);

CREATE TABLE ietf_roles (
    role_id    BIGINT PRIMARY KEY,
    role       VARCHAR NOT NULL,                -- chair, secr, ad, member, delegate, …
    group_id   BIGINT NOT NULL,
    person_key VARCHAR,
    raw_sha256 VARCHAR
);

CREATE TABLE ietf_role_history (
    role_history_id BIGINT PRIMARY KEY,
    role            VARCHAR NOT NULL,
    history_id      BIGINT NOT NULL,
    person_key      VARCHAR,
    raw_sha256      VARCHAR
);

CREATE TABLE ietf_sessions (
    session_id   BIGINT PRIMARY KEY,
    meeting      VARCHAR NOT NULL,              -- the plenary meeting number
    group_id     BIGINT,
    session_type VARCHAR,                       -- regular, plenary, …
    purpose      VARCHAR,
    raw_sha256   VARCHAR
);

-- One row per person present at a session (onsite or remote: the datatracker does not say).
CREATE TABLE ietf_session_attendance (
    attended_id BIGINT PRIMARY KEY,
    session_id  BIGINT NOT NULL,
    person_key  VARCHAR,
    origin      VARCHAR,                        -- 'datatracker' (Meetecho, check-in) or 'self declared'
    raw_sha256  VARCHAR
);

-- Where each incremental endpoint resumes, and what its last refresh cost.
CREATE TABLE ietf_cursors (
    endpoint   VARCHAR PRIMARY KEY,
    cursor     VARCHAR,                         -- the filter value the next refresh sends
    rows       BIGINT,                          -- rows the last refresh fetched
    requests   INTEGER,                         -- requests the last refresh made for it
    run_id     VARCHAR,
    updated_at TIMESTAMPTZ
);

-- NomCom eligibility per NomCom year, and the parameters it was computed with.
CREATE TABLE ietf_nomcom_rules (
    year             INTEGER PRIMARY KEY,
    rule             VARCHAR NOT NULL,          -- rfc8713, rfc8788, rfc8989, rfc9389
    eligibility_date DATE NOT NULL,
    meetings         VARCHAR NOT NULL,          -- the five meetings, comma-separated
    meetings_needed  INTEGER NOT NULL,
    officer_years    INTEGER NOT NULL,
    author_years     INTEGER NOT NULL,
    documents_needed INTEGER NOT NULL,
    seats            INTEGER NOT NULL,
    affiliation_cap  INTEGER NOT NULL,
    draws            INTEGER NOT NULL,
    seed             BIGINT NOT NULL,
    complete         BOOLEAN NOT NULL,          -- all five meetings' registrations loaded
    computed_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE ietf_nomcom_eligible (
    year              INTEGER NOT NULL,
    person_key        VARCHAR NOT NULL,
    meetings_attended INTEGER NOT NULL,
    path_meetings     BOOLEAN NOT NULL,
    path_officer      BOOLEAN NOT NULL,
    path_author       BOOLEAN NOT NULL,
    affiliation       VARCHAR,                  -- primary affiliation as last typed
    org_group         VARCHAR NOT NULL,         -- what the cap counts: the corporate group
    hq_country        VARCHAR,
    PRIMARY KEY (year, person_key)
);

CREATE TABLE ietf_nomcom_seats (
    year           INTEGER NOT NULL,
    org_group      VARCHAR NOT NULL,
    hq_country     VARCHAR,
    eligible       INTEGER NOT NULL,
    expected_seats DOUBLE NOT NULL,
    p_two_seats    DOUBLE NOT NULL,
    PRIMARY KEY (year, org_group)
);
