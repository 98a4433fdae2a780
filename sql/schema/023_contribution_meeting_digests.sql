-- 023_contribution_meeting_digests: per 3GPP meeting, a digest of what its contribution
-- rows are computed from (its co-signatures with their resolution, its TDocs' types and
-- statuses, its date). The contributions step recomputes the rows of the meetings whose
-- digest moved and no others (a full rebuild when the code or the reference changed).
CREATE TABLE contribution_meeting_digests (
    meeting VARCHAR PRIMARY KEY,
    digest  VARCHAR NOT NULL
);
