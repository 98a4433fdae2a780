-- The latest NomCom year with a computed pool, as bloc_summary names it.
SELECT max(year)::VARCHAR AS meeting FROM nomcom_pool
