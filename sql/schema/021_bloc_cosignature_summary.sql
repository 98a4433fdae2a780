-- 021_bloc_cosignature_summary: the co-signature rows of bloc_summary (one per estimated
-- bloc of each 3GPP network, with its members' votes), written by the bloc rebuild after
-- the networks, labels and voting rights they are read from (sql/blocs/
-- cosignature_summary.sql); ordering each bloc's members took ~1 s on every read of
-- bloc_summary at the generated 3GPP history. Same columns as the view.
CREATE TABLE bloc_cosignature_summary (
    body          VARCHAR,
    meeting       VARCHAR,
    agenda_item   VARCHAR,
    bloc          VARCHAR,
    members       BIGINT,
    votes         DOUBLE,
    vote_share    DOUBLE,
    can_block     BOOLEAN,
    can_carry     BOOLEAN,
    kind          VARCHAR,
    cohesion      DOUBLE,
    member_groups VARCHAR,
    basis         VARCHAR,
    stability     DOUBLE
);
