-- The parameters the stored voting rights and blocs were computed with.
SELECT * FROM bloc_runs
