-- 002_threegpp: 3GPP meetings, TDocs with their co-signers, participants, chair's reports
-- and the membership list. Each table keeps raw_sha256: the archived file or response
-- its rows came from.

CREATE TABLE threegpp_meetings (
    meeting     VARCHAR PRIMARY KEY,         -- RAN1#86bis
    group_code  VARCHAR NOT NULL,            -- R1
    mtg_id      BIGINT,                      -- the portal's MtgId
    code        VARCHAR,                     -- R1-86-bis, as the calendar writes it
    title       VARCHAR,
    town        VARCHAR,
    start_date  DATE,
    end_date    DATE,
    first_tdoc  VARCHAR,
    last_tdoc   VARCHAR,
    folder      VARCHAR,                     -- TSGR1_86b
    raw_sha256  VARCHAR
);

-- One row per TDoc, from a TDoc list (xlsx) or a TdocsByAgenda page (html).
CREATE TABLE threegpp_tdocs (
    meeting                 VARCHAR NOT NULL,
    tdoc                    VARCHAR NOT NULL,
    title                   VARCHAR,
    source                  VARCHAR,
    contact                 VARCHAR,
    contact_id              VARCHAR,
    type                    VARCHAR,
    purpose                 VARCHAR,
    abstract                VARCHAR,
    secretary_remarks       VARCHAR,
    agenda_item             VARCHAR,
    agenda_item_description VARCHAR,
    status                  VARCHAR,
    reservation_date        TIMESTAMP,
    uploaded                TIMESTAMP,
    is_revision_of          VARCHAR,
    revised_to              VARCHAR,
    release                 VARCHAR,
    spec                    VARCHAR,
    version                 VARCHAR,
    related_wis             VARCHAR,
    cr                      VARCHAR,
    cr_revision             VARCHAR,
    cr_category             VARCHAR,
    tsg_cr_pack             VARCHAR,
    reply_to                VARCHAR,
    "to"                    VARCHAR,
    cc                      VARCHAR,
    original_ls             VARCHAR,
    reply_in                VARCHAR,
    uicc                    VARCHAR,
    me                      VARCHAR,
    ran                     VARCHAR,
    cn                      VARCHAR,
    clauses_affected        VARCHAR,
    list_format             VARCHAR NOT NULL,  -- 'tdoc_list' or 'tdocs_by_agenda'
    raw_sha256              VARCHAR,
    PRIMARY KEY (meeting, tdoc)
);

-- The official status vocabulary each TDoc list declares on its Parameters sheet.
CREATE TABLE threegpp_status_vocabulary (
    meeting VARCHAR NOT NULL,
    status  VARCHAR NOT NULL,
    PRIMARY KEY (meeting, status)
);

-- One row per party named for a TDoc: from its Source field ('source') or from the
-- chair's report's co-signer list ('report'; way forwards list far more co-signers).
CREATE TABLE threegpp_cosigners (
    meeting  VARCHAR NOT NULL,
    tdoc     VARCHAR NOT NULL,
    origin   VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    party    VARCHAR NOT NULL,
    role     VARCHAR,
    kind     VARCHAR NOT NULL,                 -- company, working_group, other
    weight   DOUBLE NOT NULL,
    PRIMARY KEY (meeting, tdoc, origin, position)
);

CREATE TABLE threegpp_participants (
    meeting                VARCHAR NOT NULL,
    delegate_key           VARCHAR NOT NULL,   -- one-way key of the delegate, for counting only
    individual_member      VARCHAR NOT NULL,   -- the member the delegate registered for
    organizational_partner VARCHAR,
    status                 VARCHAR,
    raw_sha256             VARCHAR,
    PRIMARY KEY (meeting, delegate_key, individual_member)
);

CREATE TABLE threegpp_reports (
    meeting           VARCHAR PRIMARY KEY,
    title             VARCHAR,
    delegates         INTEGER,                 -- as the report states it
    delegate_sentence VARCHAR,
    raw_sha256        VARCHAR
);

-- The documents a chair's report lists, with the co-signers as the report writes them.
CREATE TABLE threegpp_report_documents (
    meeting     VARCHAR NOT NULL,
    tdoc        VARCHAR NOT NULL,
    title       VARCHAR,
    source      VARCHAR,
    agenda_item VARCHAR,
    kind        VARCHAR,                     -- way_forward, ls, chair_notes, other
    PRIMARY KEY (meeting, tdoc)
);

-- Shows of hands, objections and support recorded in a report, one row per party.
CREATE TABLE threegpp_report_hands (
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,
    tdoc        VARCHAR,
    stance      VARCHAR NOT NULL,            -- support, object, concern, acceptable, withdrew_support
    party       VARCHAR NOT NULL,            -- as written: "HW", "E///"
    position    INTEGER,
    condition   VARCHAR,
    option      VARCHAR
);

CREATE TABLE threegpp_elections (
    meeting       VARCHAR NOT NULL,
    office        VARCHAR NOT NULL,
    candidate_org VARCHAR,
    votes         INTEGER,
    voters        INTEGER,
    elected       BOOLEAN
);

-- Leadership a report names: the organization only, never the person.
CREATE TABLE threegpp_chairs (
    meeting      VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,           -- chair, vice-chair, ad-hoc chair, session chair
    organization VARCHAR,                    -- NULL when the report names only a person
    agenda_item  VARCHAR,
    tdoc         VARCHAR
);

-- The Individual Member list as published on a date.
CREATE TABLE threegpp_members (
    as_of        DATE NOT NULL,
    short_name   VARCHAR,
    long_name    VARCHAR NOT NULL,
    partner      VARCHAR,
    country_name VARCHAR,
    country_code VARCHAR,
    member_type  VARCHAR,
    raw_sha256   VARCHAR
);
