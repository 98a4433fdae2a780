-- 024_bloc_pairs_together_only: bloc_pairs keeps only the pairs of tied groups that some
-- Leiden run put in one community; a pair never together is absent, its share 0
-- (bloc_comembership). Such pairs were 58 % of the rows at the generated 3GPP history and
-- the bulk of the bloc rebuild's memory at ten times it. The rebuild writes no new ones.
DELETE FROM bloc_pairs WHERE together = 0;
