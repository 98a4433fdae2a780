-- affiliation_strings: every raw affiliation string in the warehouse, with how often it
-- is used, across bodies. Resolution runs over exactly this list.
CREATE OR REPLACE VIEW affiliation_strings AS
SELECT affiliation AS raw, count(*) AS uses
FROM ietf_registrations
GROUP BY affiliation;
