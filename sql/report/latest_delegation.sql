-- Each body's latest meeting with delegates: its $top largest corporate groups.
WITH latest AS (
    SELECT body, arg_max(meeting, dated) AS meeting
    FROM meetings WHERE delegates > 0 GROUP BY body
)
SELECT d.body, d.meeting, d.org_group, d.hq_country, d.delegates, d.share
FROM delegation_by_group AS d JOIN latest USING (body, meeting)
QUALIFY row_number() OVER (PARTITION BY d.body ORDER BY d.delegates DESC, d.org_group) <= $top
ORDER BY d.body, d.delegates DESC, d.org_group
