-- The latest 3GPP meeting with TDocs: its $top largest contributors by fractional credit
-- (each TDoc shared equally among its co-signers), with approval rates; unaffiliated
-- sources (Unspecified, Independent) come after them with `apart` set.
WITH latest AS (
    SELECT arg_max(c.meeting, t.meeting_date) AS meeting
    FROM contributions_by_group AS c JOIN threegpp_meeting_dates AS t USING (meeting)
),
rows AS (
    SELECT c.meeting, c.org_group, c.contributions, c.fractional,
           c.fractional / sum(c.fractional) OVER () AS share,
           c.approved, c.treated, c.approval_rate, unaffiliated(c.org_group) AS apart
    FROM contributions_by_group AS c JOIN latest USING (meeting)
)
SELECT * FROM rows
QUALIFY apart OR row_number() OVER (PARTITION BY apart ORDER BY fractional DESC, org_group) <= $top
ORDER BY apart, fractional DESC, org_group
