-- 004_member_list_country: a string matched only by the 3GPP member list resolves to that
-- member (no curated organization) with the member's country as its HQ country.
ALTER TABLE affiliation_resolution ADD COLUMN hq_country VARCHAR;
