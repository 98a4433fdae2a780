-- threegpp_list_decisions: for each 3GPP meeting with a TDoc list, how many TDocs carry a
-- decision (any status but reserved, available, withdrawn, not treated, postponed, none).
-- A list with none is a pre-meeting snapshot (contributions, threegpp_list_state).
CREATE OR REPLACE VIEW threegpp_list_decisions AS
SELECT meeting,
       count(*) FILTER (WHERE lower(coalesce(status, '')) NOT IN
           ('', 'reserved', 'available', 'withdrawn', 'not treated', 'postponed')) AS decisions
FROM threegpp_tdocs
GROUP BY meeting;
