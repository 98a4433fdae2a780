-- 006_blocs: 3GPP voting rights and estimated voting blocs, with the parameters every
-- result was computed with. All of it is derived from the loaded records and rebuilt by
-- each 3GPP load (or `sdo blocs --rebuild`); bloc_runs says how.

-- One row per computation: every parameter, so a figure can be reproduced.
CREATE TABLE bloc_runs (
    run_id               VARCHAR PRIMARY KEY,
    computed_at          TIMESTAMPTZ NOT NULL,
    attendance_window    INTEGER NOT NULL,   -- the last N meetings of the group…
    attendance_needed    INTEGER NOT NULL,   -- …of which the member was represented at K
    e_meetings_count_from DATE,              -- e-meetings before this date are not counted
    cap_from             DATE,               -- corporate-group caps apply to ballots from
    cap_per_group        INTEGER,
    cap_per_group_partner INTEGER,
    weighting            VARCHAR NOT NULL,   -- how a document's co-signers share its weight
    backbone_alpha       DOUBLE,             -- disparity filter level (NULL: no filter)
    resolution           DOUBLE NOT NULL,    -- Louvain resolution
    seed                 BIGINT NOT NULL,
    min_documents        INTEGER NOT NULL,   -- co-signed documents an agenda item needs
    switch_threshold     DOUBLE NOT NULL,    -- bloc-mates kept below this: switched
    firm_strength        DOUBLE NOT NULL,    -- only groups this firmly in a bloc can switch
    networkx_version     VARCHAR NOT NULL
);

-- Which Individual Members could vote at each meeting, and why.
CREATE TABLE threegpp_voting_rights (
    group_code            VARCHAR NOT NULL,
    meeting               VARCHAR NOT NULL,
    member                VARCHAR NOT NULL,  -- the Individual Member as registered
    organizational_partner VARCHAR,
    present               BOOLEAN NOT NULL,  -- represented at this meeting
    represented           INTEGER NOT NULL,  -- meetings of the window it was represented at
    window_loaded         INTEGER NOT NULL,  -- window meetings with participant data loaded
    eligible              BOOLEAN NOT NULL,
    basis                 VARCHAR NOT NULL,  -- participant lists, or the labelled proxy
    PRIMARY KEY (meeting, member)
);

CREATE TABLE bloc_assignments (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,                     -- NULL: the whole meeting
    bloc        INTEGER NOT NULL,            -- 1 = the bloc with most members
    org_group   VARCHAR NOT NULL,
    strength    DOUBLE NOT NULL,             -- share of its backbone weight inside the bloc
    documents   INTEGER NOT NULL,            -- co-signed documents it appears on
    run_id      VARCHAR NOT NULL
);

CREATE TABLE bloc_networks (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,
    bloc        INTEGER NOT NULL,
    cohesion    DOUBLE NOT NULL,             -- share of members' weight staying inside
    modularity  DOUBLE NOT NULL,             -- of the whole partition
    documents   INTEGER NOT NULL,            -- co-signed documents in the network
    edges       INTEGER NOT NULL,            -- backbone edges in the network
    run_id      VARCHAR NOT NULL
);

-- Backbone edges, for drawing the network (report) and for checking a bloc by hand.
CREATE TABLE bloc_edges (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,
    source      VARCHAR NOT NULL,
    target      VARCHAR NOT NULL,
    weight      DOUBLE NOT NULL,
    documents   INTEGER NOT NULL,
    run_id      VARCHAR NOT NULL
);

CREATE TABLE bloc_changes (
    body             VARCHAR NOT NULL,
    meeting          VARCHAR NOT NULL,
    previous_meeting VARCHAR NOT NULL,
    org_group        VARCHAR NOT NULL,
    jaccard          DOUBLE NOT NULL,        -- of its bloc-mates then and now
    switched         BOOLEAN NOT NULL,
    run_id           VARCHAR NOT NULL
);
