-- The latest 3GPP meeting with TDocs: its $top largest contributors, with approval rates.
WITH latest AS (
    SELECT arg_max(c.meeting, t.meeting_date) AS meeting
    FROM contributions_by_group AS c JOIN threegpp_meeting_dates AS t USING (meeting)
)
SELECT c.meeting, c.org_group, c.contributions, c.fractional, c.approved, c.treated,
       c.approval_rate
FROM contributions_by_group AS c JOIN latest USING (meeting)
ORDER BY c.contributions DESC, c.org_group
LIMIT $top
