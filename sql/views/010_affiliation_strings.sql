-- affiliation_strings: every raw organization string in the warehouse with how often it
-- is used: IETF registrants' affiliations, 3GPP co-signing companies (TDoc Sources and
-- report co-signer lists), the organizations chairing sessions, the members 3GPP delegates registered for, and the 3GPP
-- membership list. Resolution runs over exactly this list.
CREATE OR REPLACE VIEW affiliation_strings AS
SELECT raw, sum(uses)::BIGINT AS uses
FROM (
    SELECT affiliation AS raw, count(*) AS uses FROM ietf_registrations GROUP BY 1
    UNION ALL
    SELECT party, count(*) FROM threegpp_cosigners WHERE kind = 'company' GROUP BY 1
    UNION ALL
    SELECT individual_member, count(*) FROM threegpp_participants GROUP BY 1
    UNION ALL
    SELECT long_name, count(*) FROM threegpp_members GROUP BY 1
    UNION ALL
    SELECT organization, count(*) FROM threegpp_chairs WHERE organization IS NOT NULL GROUP BY 1
)
GROUP BY raw;
