-- 022_bloc_meeting_digests: per 3GPP meeting, a digest of the co-signatures its networks
-- are built from (each document's agenda item and co-signing corporate groups) with the
-- bloc settings they were computed under. A bloc rebuild builds the networks of the
-- meetings whose digest moved and no others: building and fingerprinting every network of
-- the generated 3GPP history to find none changed took ~20 s on every 3GPP load.
CREATE TABLE bloc_meeting_digests (
    meeting VARCHAR PRIMARY KEY,
    digest  VARCHAR NOT NULL
);
