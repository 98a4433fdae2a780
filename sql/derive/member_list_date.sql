-- The date of the newest 3GPP member list loaded (NULL: none).
SELECT max(as_of) AS as_of FROM threegpp_members
