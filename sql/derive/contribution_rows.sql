-- contribution_rows: the rows of the contributions view (sql/views/090_contributions.sql
-- says what they mean) of the meetings $meetings (NULL: every meeting), computed by the
-- derived rebuild: warehouse/derived/contributions.py. The list is tested on every table read.
WITH joint AS (  -- the parts of joint affiliations, and how many each has
    SELECT raw, part, count(*) OVER (PARTITION BY raw) AS parts
    FROM affiliation_resolution
),
parties AS (
    SELECT c.meeting, c.tdoc, c.party, c.weight, m.meeting_date,
           r.org_id, coalesce(r.org_name, c.party) AS org_name,
           -- a co-signer's share split over its organizations in whole millionths
           -- (share_part), so each TDoc's shares still add up to exactly 1
           CASE WHEN j.parts IS NULL OR j.parts = 1 THEN c.weight
                ELSE share_part(c.weight, j.parts, j.part) END AS share,
           r.hq_country AS member_country
    FROM threegpp_cosigners AS c
    JOIN threegpp_meeting_dates AS m
      ON m.meeting = c.meeting AND ($meetings IS NULL OR list_contains($meetings, m.meeting))
    LEFT JOIN affiliation_resolution AS r ON r.raw = c.party
    LEFT JOIN joint AS j ON j.raw = r.raw AND j.part = r.part
    WHERE c.origin = 'source' AND c.kind = 'company'
      AND ($meetings IS NULL OR list_contains($meetings, c.meeting))
)
SELECT '3gpp' AS body, p.meeting, p.tdoc,
       coalesce(g.name, p.org_name) AS org_group,
       coalesce(g.hq_country, p.member_country) AS hq_country,
       sum(p.share) AS fractional,
       t.type, t.status,
       lower(coalesce(t.status, '')) NOT IN
           ('', 'reserved', 'available', 'withdrawn', 'not treated', 'postponed') AS treated,
       lower(coalesce(t.status, '')) IN ('agreed', 'approved', 'endorsed') AS approved
FROM parties AS p
JOIN threegpp_tdocs AS t
  ON t.meeting = p.meeting AND t.tdoc = p.tdoc
 AND ($meetings IS NULL OR list_contains($meetings, t.meeting))
JOIN threegpp_list_decisions AS d
  ON d.meeting = p.meeting AND ($meetings IS NULL OR list_contains($meetings, d.meeting))
LEFT JOIN organizations AS g ON g.org_id = org_group_on(p.org_id, p.meeting_date)
WHERE lower(coalesce(t.status, '')) <> 'reserved'
  AND NOT (d.decisions = 0 AND lower(coalesce(t.status, '')) = 'available')
GROUP BY ALL;
