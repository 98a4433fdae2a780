-- Each 3GPP working group's latest meeting with TDocs: its $top largest contributors by
-- fractional credit (each TDoc shared equally among its co-signers), with approval rates;
-- unaffiliated sources (Unspecified, Independent) come after them with `apart` set.
WITH latest AS (
    SELECT m.group_code, arg_max(c.meeting, m.dated) AS meeting
    FROM contributions_by_group AS c
    JOIN meetings AS m ON m.body = '3gpp' AND m.meeting = c.meeting
    GROUP BY m.group_code
),
rows AS (
    SELECT l.group_code, c.meeting, c.org_group, c.contributions, c.fractional,
           c.fractional / sum(c.fractional) OVER (PARTITION BY c.meeting) AS share,
           c.approved, c.treated, c.approval_rate, unaffiliated(c.org_group) AS apart
    FROM contributions_by_group AS c JOIN latest AS l USING (meeting)
)
SELECT * FROM rows
QUALIFY apart
     OR row_number() OVER (PARTITION BY group_code, apart
                           ORDER BY fractional DESC, org_group) <= $top
ORDER BY group_code, apart, fractional DESC, org_group
