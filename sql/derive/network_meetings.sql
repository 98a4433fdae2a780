-- The meetings with co-signatures by companies, the only ones with co-signature networks,
-- in the order the bloc rebuild takes them in chunks.
SELECT DISTINCT meeting FROM threegpp_cosigners WHERE kind = 'company' ORDER BY meeting
