-- 008_elections: chair and vice-chair ballots as the chair's reports print them, one row
-- per candidate per ballot (an acclamation: one row, no ballot, no votes). The table of 002
-- was never filled (no parser read elections before), so it is replaced, not migrated.
DROP TABLE IF EXISTS threegpp_elections;
CREATE TABLE threegpp_elections (
    meeting          VARCHAR NOT NULL,   -- the electing meeting, RAN1#90
    position         VARCHAR NOT NULL,   -- chair | vice-chair
    ballot           INTEGER,            -- 1, 2…; NULL for an acclamation
    candidate        VARCHAR NOT NULL,   -- the name as the report prints it
    company          VARCHAR,            -- the Individual Member the candidate stood for
    partner          VARCHAR,            -- its Organizational Partner (ATIS, CCSA, ETSI…)
    votes            INTEGER,            -- NULL for an acclamation
    percent          DOUBLE,             -- as printed
    votes_cast       INTEGER,
    abstentions      INTEGER,            -- abstentions and spoiled papers
    returned_papers  INTEGER,
    proxy_votes      INTEGER,
    eligible_voters  INTEGER,            -- Individual Members with a right to vote
    in_person        INTEGER,
    by_proxy         INTEGER,
    quorum_reached   BOOLEAN,
    outcome          VARCHAR NOT NULL,   -- elected | acclaimed | next ballot | withdrew | not elected | eliminated
    raw_sha256       VARCHAR
);
