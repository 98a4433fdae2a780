-- unresolved_parties: co-signing company names (TDoc Sources and report co-signer lists)
-- that no curated organization matches, with how many co-signatures they carry. Every such
-- name is still counted, under its own spelling; this is the curation to-do list.
CREATE OR REPLACE VIEW unresolved_parties AS
SELECT c.party, count(*) AS cosignatures, count(DISTINCT c.meeting) AS meetings
FROM threegpp_cosigners AS c
JOIN affiliation_resolution AS r ON r.raw = c.party
WHERE c.kind = 'company' AND r.method = 'unresolved'
GROUP BY c.party;
