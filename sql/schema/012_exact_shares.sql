-- 012_exact_shares: equal shares (a joint affiliation's parts, a TDoc's co-signers) as exact
-- decimals, so that every sum of them is the same whatever order it is added in. 1/n is
-- rounded half up to 18 places, as scrapers/shares.py computes it; rows stored before as
-- floats get the same value back from the n their float stood for.
ALTER TABLE affiliation_resolution ALTER COLUMN weight TYPE DECIMAL(38, 18);
ALTER TABLE threegpp_cosigners ALTER COLUMN weight TYPE DECIMAL(38, 18);
UPDATE affiliation_resolution
SET weight = ((2 * 1000000000000000000::HUGEINT + round(1 / weight::DOUBLE)::HUGEINT)
              // (2 * round(1 / weight::DOUBLE)::HUGEINT))::DECIMAL(38, 0)
             * 0.000000000000000001::DECIMAL(38, 18);
UPDATE threegpp_cosigners
SET weight = ((2 * 1000000000000000000::HUGEINT + round(1 / weight::DOUBLE)::HUGEINT)
              // (2 * round(1 / weight::DOUBLE)::HUGEINT))::DECIMAL(38, 0)
             * 0.000000000000000001::DECIMAL(38, 18);
