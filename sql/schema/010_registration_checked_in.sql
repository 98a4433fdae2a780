-- 010_registration_checked_in: the datatracker's checkedin apart from attended. Rows loaded
-- before this keep the two merged in attended and checked_in NULL; the NomCom rule then
-- falls back to attended, which is what it read before.
ALTER TABLE ietf_registrations ADD COLUMN checked_in BOOLEAN;
