-- equal_share(n): 1/n as an exact DECIMAL(38, 18), rounded half up as scrapers/shares.py
-- computes it. DuckDB divides decimals into a DOUBLE, whose sums depend on the order they
-- are added in; shares built with this macro and summed as decimals do not.
CREATE OR REPLACE MACRO equal_share(n) AS
    ((2 * 1000000000000000000::HUGEINT + n::HUGEINT) // (2 * n::HUGEINT))::DECIMAL(38, 0)
    * 0.000000000000000001::DECIMAL(38, 18);
