-- 007_bloc_consensus: consensus blocs replace single-seed Louvain. Every table here is
-- derived from the loaded records and rebuilt by each 3GPP load (or `sdo blocs
-- --rebuild`), network by network: a network whose records and parameters did not change
-- keeps its rows (its fingerprint says so). The old tables held single-seed results that
-- cannot be read as consensus, so they go; the next load fills the new ones.
DROP TABLE IF EXISTS bloc_assignments;
DROP TABLE IF EXISTS bloc_networks;
DROP TABLE IF EXISTS bloc_edges;
DROP TABLE IF EXISTS bloc_changes;
DROP TABLE IF EXISTS bloc_runs;

-- The parameters the current blocs and voting rights were computed with (one row).
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
    resolution           DOUBLE NOT NULL,    -- modularity resolution
    seed                 BIGINT NOT NULL,    -- the first seed; run i uses seed + i
    min_documents        INTEGER NOT NULL,   -- co-signed documents an agenda item needs
    min_runs             INTEGER NOT NULL,   -- Leiden runs per network: at least…
    max_runs             INTEGER NOT NULL,   -- …at most…
    run_batch            INTEGER NOT NULL,   -- …checked for convergence every this many…
    tolerance            DOUBLE NOT NULL,    -- …converged when no pair's share moved this much
    leiden_iterations    INTEGER NOT NULL,   -- Leiden passes per run
    settled_stability    DOUBLE NOT NULL,    -- members below: 'undecided', not in a bloc
    label_overlap        DOUBLE NOT NULL,    -- a bloc takes a camp's label above this overlap
    switch_threshold     DOUBLE NOT NULL,    -- co-membership with its previous camp below: switched
    method               VARCHAR NOT NULL,   -- what found the blocs, in words
    igraph_version       VARCHAR NOT NULL,
    settings_fingerprint VARCHAR NOT NULL,   -- of every parameter a network's blocs depend on
    networks             INTEGER NOT NULL,   -- networks in the warehouse after this run…
    networks_computed    INTEGER NOT NULL,   -- …of which this run computed (the rest kept)
    workers              INTEGER NOT NULL    -- processes the runs were spread over
);

-- One row per co-signature network (a meeting, agenda_item NULL, or one of its items).
CREATE TABLE bloc_networks (
    body                 VARCHAR NOT NULL,
    meeting              VARCHAR NOT NULL,
    agenda_item          VARCHAR,
    nodes                INTEGER NOT NULL,   -- corporate groups
    edges                INTEGER NOT NULL,   -- pairs that co-signed (after any backbone filter)
    documents            INTEGER NOT NULL,   -- documents with two or more co-signing groups
    runs                 INTEGER NOT NULL,   -- Leiden runs made (0: too small to split)
    converged            BOOLEAN NOT NULL,   -- stopped because the shares stopped moving
    modularity           DOUBLE NOT NULL,    -- of the consensus partition
    blocs                INTEGER NOT NULL,
    fingerprint          VARCHAR NOT NULL,   -- sha256 of the canonical network
    settings_fingerprint VARCHAR NOT NULL,
    computed_in          VARCHAR NOT NULL,   -- the rebuild that computed it
    computed_at          TIMESTAMPTZ NOT NULL
);

-- Every corporate group of every network: its consensus bloc and how firmly it sits there.
CREATE TABLE bloc_members (
    body              VARCHAR NOT NULL,
    meeting           VARCHAR NOT NULL,
    agenda_item       VARCHAR,
    org_group         VARCHAR NOT NULL,
    bloc              INTEGER NOT NULL,      -- consensus bloc, 1 = most members; 0 = unattached
    stability         DOUBLE,                -- share of runs it sits with its bloc (NULL: unattached)
    alternative       INTEGER,               -- the other bloc it sits with most often
    alternative_share DOUBLE,                -- …and the share of runs it does
    weight_inside     DOUBLE NOT NULL,       -- share of its co-signature weight inside its bloc
    documents         INTEGER NOT NULL       -- documents it co-signed in the network
);

-- Every consensus bloc: how much of its members' weight stays inside, and how stable it is.
CREATE TABLE bloc_cohesion (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,
    bloc        INTEGER NOT NULL,
    members     INTEGER NOT NULL,
    cohesion    DOUBLE NOT NULL,
    stability   DOUBLE NOT NULL              -- its members' mean stability
);

-- How often each pair of tied groups (a < b) sat in one community across the runs.
CREATE TABLE bloc_pairs (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,
    org_group_a VARCHAR NOT NULL,
    org_group_b VARCHAR NOT NULL,
    together    INTEGER NOT NULL,            -- runs that put them together
    runs        INTEGER NOT NULL             -- runs made (0: too small to split, together 1)
);

-- The network's edges, for drawing it (report) and checking a bloc by hand.
CREATE TABLE bloc_edges (
    body        VARCHAR NOT NULL,
    meeting     VARCHAR NOT NULL,
    agenda_item VARCHAR,
    source      VARCHAR NOT NULL,
    target      VARCHAR NOT NULL,
    weight      DOUBLE NOT NULL,
    documents   INTEGER NOT NULL
);

-- The camp each consensus bloc belongs to: labels matched from meeting to meeting of a
-- 3GPP group (whole meetings), and an agenda item's blocs to its meeting's camps.
CREATE TABLE bloc_labels (
    body          VARCHAR NOT NULL,
    meeting       VARCHAR NOT NULL,
    agenda_item   VARCHAR,
    bloc          INTEGER NOT NULL,          -- consensus bloc number in its network
    label         INTEGER NOT NULL,          -- the camp: B<label>
    matched_to    VARCHAR                    -- the meeting whose camp it continues (NULL: new)
);
