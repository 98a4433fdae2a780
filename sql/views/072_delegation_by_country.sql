-- delegation_by_country: delegates per country per meeting on two bases: 'declared' (the
-- country the registrant gave) and 'hq' (the HQ country of their corporate group). A
-- Futurewei engineer in California counts for US on 'declared' and CN on 'hq'. Unknown
-- countries are a NULL row, so shares add up to 1 on each basis. list_basis: what was
-- counted, as delegation_by_org's basis (meetings without a readable list are in
-- threegpp_participant_list_state and delegation_by_org, not here). people: whole
-- persons, each under the country of the first organization they listed ('hq').
CREATE OR REPLACE VIEW delegation_by_country AS
WITH both_bases AS (
    SELECT body, meeting, 'declared' AS basis, declared_country AS country_code, weight,
           basis AS list_basis, part
    FROM participation_resolved
    UNION ALL
    SELECT body, meeting, 'hq' AS basis, hq_country AS country_code, weight,
           basis AS list_basis, part
    FROM participation_resolved
)
SELECT body, meeting, basis, country_code,
       sum(weight) AS delegates,
       sum(weight) / sum(sum(weight)) OVER (PARTITION BY body, meeting, basis) AS share,
       list_basis,
       count(*) FILTER (WHERE part = 1) AS people
FROM both_bases
GROUP BY body, meeting, basis, country_code, list_basis;
