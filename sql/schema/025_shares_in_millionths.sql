-- 025_shares_in_millionths: shares of a person or a document as whole millionths that add
-- up to exactly 1 (scrapers/shares.py): a third was 0.333333333333333333 three times, so
-- IETF 110's delegates summed to 1328.999999999999999998. Shares already stored are
-- apportioned again (the first parts carry the leftover millionths); every table of
-- counts built from them becomes DECIMAL(38, 6), and every derived step runs again (its
-- rows and the new `part` column of participation_rows come from the code).
ALTER TABLE affiliation_resolution ALTER COLUMN weight TYPE DECIMAL(38, 6);
UPDATE affiliation_resolution AS a
SET weight = (1000000 // n.parts + CASE WHEN a.part <= 1000000 % n.parts THEN 1 ELSE 0 END)
             ::DECIMAL(38, 0) * 0.000001::DECIMAL(38, 6)
FROM (SELECT raw, count(*) AS parts FROM affiliation_resolution GROUP BY raw) AS n
WHERE n.raw = a.raw;

-- A TDoc's co-signers sit at positions 1..k, each stored with 1/k: k is recovered from the
-- weight, and the column rewritten in one pass (an UPDATE joined to a window over the
-- history's 21 million co-signers ran out of a 1 GB memory limit).
ALTER TABLE threegpp_cosigners ALTER COLUMN weight SET DATA TYPE DECIMAL(38, 6) USING
    (1000000 // round(1 / weight)::BIGINT
     + CASE WHEN position <= 1000000 % round(1 / weight)::BIGINT THEN 1 ELSE 0 END)
    ::DECIMAL(38, 0) * 0.000001::DECIMAL(38, 6);

ALTER TABLE participation_rows ALTER COLUMN weight TYPE DECIMAL(38, 6);
ALTER TABLE participation_rows ADD COLUMN part INTEGER;
ALTER TABLE contribution_rows ALTER COLUMN fractional TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship ALTER COLUMN credit TYPE DECIMAL(38, 6);
ALTER TABLE ietf_leadership_seats_at_meetings ALTER COLUMN weight TYPE DECIMAL(38, 6);
ALTER TABLE ietf_leadership_by_group_at_meetings ALTER COLUMN seats TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship_by_group ALTER COLUMN fractional TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship_by_group ALTER COLUMN fractional_drafts TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship_by_group ALTER COLUMN fractional_rfcs TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship_by_country ALTER COLUMN fractional TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship_by_country ALTER COLUMN fractional_drafts TYPE DECIMAL(38, 6);
ALTER TABLE ietf_authorship_by_country ALTER COLUMN fractional_rfcs TYPE DECIMAL(38, 6);
ALTER TABLE ietf_session_attendance_by_group ALTER COLUMN attendees TYPE DECIMAL(38, 6);
ALTER TABLE ietf_session_attendance_by_group ALTER COLUMN onsite TYPE DECIMAL(38, 6);
ALTER TABLE ietf_session_attendance_by_group ALTER COLUMN remote TYPE DECIMAL(38, 6);
DELETE FROM derived_steps;
DELETE FROM contribution_meeting_digests;
