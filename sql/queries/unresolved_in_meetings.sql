-- The co-signing company names of the meetings $meetings that no curated organization
-- matches, most used first (the load's summary names the top ones; unresolved_parties
-- holds the whole warehouse's).
SELECT party, cosignatures
FROM unresolved_parties_in($meetings::VARCHAR[])
ORDER BY cosignatures DESC, party
LIMIT 10
