-- nomcom_pool: for each NomCom year, the volunteers eligible under the rules the datatracker
-- applies that year (everyone eligible is assumed to volunteer), per corporate group of their
-- primary affiliation, with the group's expected number of the ten voting seats and its
-- probability of holding two or more under random selection with at most two voting members
-- per affiliation (RFC 8713 §4.17). The rule, date, draws and seed each year was computed
-- with follow (also in ietf_nomcom_rules).
CREATE OR REPLACE VIEW nomcom_pool AS
SELECT s.year, s.org_group, s.hq_country, s.eligible, s.expected_seats, s.p_two_seats,
       s.eligible / sum(s.eligible) OVER (PARTITION BY s.year) AS pool_share,
       r.rule, r.eligibility_date, r.seats, r.affiliation_cap, r.draws, r.seed
FROM ietf_nomcom_seats AS s
JOIN ietf_nomcom_rules AS r USING (year);
