-- The co-signing company names of the meetings $meetings that no curated organization
-- matches, most used first (the load's summary names the top ones; unresolved_parties
-- holds the whole warehouse's).
SELECT c.party, count(*) AS cosignatures
FROM threegpp_cosigners AS c
JOIN affiliation_resolution AS r ON r.raw = c.party
WHERE c.kind = 'company' AND r.method = 'unresolved' AND list_contains($meetings, c.meeting)
GROUP BY c.party
ORDER BY cosignatures DESC, c.party
LIMIT 10
