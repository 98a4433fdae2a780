-- unresolved_parties: co-signing company names (TDoc Sources and report co-signer lists)
-- that no curated organization matches, with how many co-signatures they carry. Every such
-- name is still counted, under its own spelling; this is the curation to-do list.
-- unresolved_parties_in(chosen): the same for the meetings in the list `chosen` (NULL:
-- every meeting); a load names the ones its own meetings left unmatched.
CREATE OR REPLACE MACRO unresolved_parties_in(chosen) AS TABLE
SELECT c.party, count(*) AS cosignatures, count(DISTINCT c.meeting) AS meetings
FROM threegpp_cosigners AS c
JOIN affiliation_resolution AS r ON r.raw = c.party
WHERE c.kind = 'company' AND r.method = 'unresolved'
  AND (chosen IS NULL OR list_contains(chosen, c.meeting))
GROUP BY c.party;

CREATE OR REPLACE VIEW unresolved_parties AS
SELECT * FROM unresolved_parties_in(NULL::VARCHAR[]);
