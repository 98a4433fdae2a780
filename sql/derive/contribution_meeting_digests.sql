-- Per 3GPP meeting, a digest of everything its contribution rows
-- (sql/derive/contribution_rows.sql) are computed from besides the code and the reference
-- data: its company co-signatures with how each party resolves, its TDocs' types and
-- statuses, and its date. Row counts and order-free sums of row hashes.
WITH cosigned AS (
    SELECT c.meeting, count(*) AS n,
           sum(hash(c.tdoc, c.position, c.party, c.weight, r.part, r.org_id, r.org_name,
                    r.weight, r.hq_country)) AS h
    FROM threegpp_cosigners AS c
    LEFT JOIN affiliation_resolution AS r ON r.raw = c.party
    WHERE c.origin = 'source' AND c.kind = 'company'
    GROUP BY c.meeting
),
listed AS (
    SELECT meeting, count(*) AS n, sum(hash(tdoc, type, status)) AS h
    FROM threegpp_tdocs
    GROUP BY meeting
)
SELECT d.meeting,
       concat_ws(':', coalesce(c.n, 0), coalesce(c.h, 0), coalesce(l.n, 0), coalesce(l.h, 0),
                 coalesce(d.meeting_date::VARCHAR, '-')) AS digest
FROM threegpp_meeting_dates AS d
LEFT JOIN cosigned AS c USING (meeting)
LEFT JOIN listed AS l USING (meeting)
ORDER BY d.meeting
