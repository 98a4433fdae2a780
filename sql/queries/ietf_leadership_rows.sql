-- How many rows leadership_by_group holds for the IETF (0 on the bundled sample, which
-- carries no datatracker group roles).
SELECT count(*) FROM leadership_by_group WHERE body = 'ietf'
