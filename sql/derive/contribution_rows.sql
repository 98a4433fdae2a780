-- contribution_rows: the rows of the contributions view (sql/views/090_contributions.sql
-- says what they mean) of the meetings $meetings (NULL: every meeting), computed by the
-- derived rebuild: warehouse/contributions.py. The list is tested on every table read.
WITH parties AS (
    SELECT c.meeting, c.tdoc, c.party, c.weight, m.meeting_date,
           r.org_id, coalesce(r.org_name, c.party) AS org_name,
           -- a product of two DECIMAL(38, 18) is computed in 128 bits; most shares are
           -- whole organizations (weight 1), which halves the step's time at the history
           CASE WHEN r.weight IS NULL OR r.weight = 1 THEN c.weight
                ELSE (c.weight * r.weight)::DECIMAL(38, 18) END AS share,
           r.hq_country AS member_country
    FROM threegpp_cosigners AS c
    JOIN threegpp_meeting_dates AS m
      ON m.meeting = c.meeting AND ($meetings IS NULL OR list_contains($meetings, m.meeting))
    LEFT JOIN affiliation_resolution AS r ON r.raw = c.party
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
