-- equal_part(n, part): part `part` (1-based) of n equal shares of one, in whole millionths
-- as a DECIMAL(38, 6) that scrapers/shares.py computes alike: each part gets the whole
-- millionths of 1/n and the leftover ones go to the first parts (a third: 0.333334 for
-- part 1, 0.333333 for parts 2 and 3), so the parts add up to exactly 1.
CREATE OR REPLACE MACRO equal_part(n, part) AS
    (1000000 // n + CASE WHEN part <= 1000000 % n THEN 1 ELSE 0 END)::DECIMAL(38, 0)
    * 0.000001::DECIMAL(38, 6);

-- share_part(share, n, part): part `part` of n equal parts of a share (a DECIMAL of six
-- places), the same way: a co-signer's 0.333334 of a TDoc split over its joint
-- affiliation's two organizations is 0.166667 and 0.166667, and the parts add up to the
-- share exactly, so a document or a person still adds up to exactly 1.
CREATE OR REPLACE MACRO share_part(share, n, part) AS
    ((share * 1000000)::BIGINT // n
     + CASE WHEN part <= (share * 1000000)::BIGINT % n THEN 1 ELSE 0 END)::DECIMAL(38, 0)
    * 0.000001::DECIMAL(38, 6);
