-- Each forum's latest meeting with delegates (the IETF; each 3GPP working group): its $top
-- largest corporate groups by delegates, and apart from them every unaffiliated group
-- (Unspecified, Independent) with `apart` set.
WITH latest AS (
    SELECT body, group_code, arg_max(meeting, dated) AS meeting
    FROM meetings WHERE delegates > 0 GROUP BY body, group_code
),
rows AS (
    SELECT d.body, l.group_code, d.meeting, d.org_group, d.hq_country, d.delegates,
           d.people, d.share, unaffiliated(d.org_group) AS apart
    FROM delegation_by_group AS d JOIN latest AS l USING (body, meeting)
)
SELECT * FROM rows
QUALIFY apart
     OR row_number() OVER (PARTITION BY body, group_code, apart
                           ORDER BY delegates DESC, org_group) <= $top
ORDER BY body, group_code, apart, delegates DESC, org_group
