-- affiliation_uses: every raw organization string in the warehouse, by body and by where
-- it comes from, with how often it is used: IETF registrants' and authors' affiliations, 3GPP
-- co-signing companies (TDoc Sources and report co-signer lists), organizations chairing
-- sessions, the members 3GPP delegates registered for, the 3GPP membership list, and the
-- companies election candidates stood for.
CREATE OR REPLACE VIEW affiliation_uses AS
SELECT 'ietf' AS body, 'registration' AS origin, affiliation AS raw, count(*) AS uses
FROM ietf_registrations GROUP BY affiliation
UNION ALL
SELECT 'ietf', 'author', affiliation, count(*) FROM ietf_document_authors GROUP BY affiliation
UNION ALL
SELECT '3gpp', 'cosigner', party, count(*) FROM threegpp_cosigners
WHERE kind = 'company' GROUP BY party
UNION ALL
SELECT '3gpp', 'participant', individual_member, count(*) FROM threegpp_participants
GROUP BY individual_member
UNION ALL
SELECT '3gpp', 'member', long_name, count(*) FROM threegpp_members GROUP BY long_name
UNION ALL
SELECT '3gpp', 'chair', organization, count(*) FROM threegpp_chairs
WHERE organization IS NOT NULL GROUP BY organization
UNION ALL
SELECT '3gpp', 'election', company, count(*) FROM threegpp_elections
WHERE company IS NOT NULL GROUP BY company;

-- affiliation_strings: the same strings across bodies. Resolution runs over exactly this list.
CREATE OR REPLACE VIEW affiliation_strings AS
SELECT raw, sum(uses)::BIGINT AS uses
FROM affiliation_uses
GROUP BY raw;
