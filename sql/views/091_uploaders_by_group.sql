-- uploaders_by_group: a PROXY for delegation where a 3GPP meeting has no participant list:
-- distinct uploaders (the TDoc list's Contact ID) per corporate group, each uploader
-- counted for the group that most often leads the Sources of the TDocs they uploaded.
-- It counts people who submitted documents, not attendance; never present it as such.
CREATE OR REPLACE VIEW uploaders_by_group AS
WITH first_party AS (
    SELECT t.meeting, t.contact_id, c.party
    FROM threegpp_tdocs AS t
    JOIN threegpp_cosigners AS c
      ON c.meeting = t.meeting AND c.tdoc = t.tdoc AND c.origin = 'source' AND c.position = 1
    WHERE t.contact_id IS NOT NULL AND c.kind = 'company'
),
uploader AS (
    -- the uploader's most frequent leading party; ties go to the first alphabetically
    SELECT meeting, contact_id, first(party ORDER BY n DESC, party) AS party
    FROM (SELECT meeting, contact_id, party, count(*) AS n FROM first_party GROUP BY ALL)
    GROUP BY meeting, contact_id
)
SELECT '3gpp' AS body, u.meeting,
       coalesce(g.name, r.org_name, u.party) AS org_group,
       coalesce(g.hq_country, r.hq_country) AS hq_country,
       count(*) AS uploaders,
       count(*) / sum(count(*)) OVER (PARTITION BY u.meeting) AS share,
       'uploaders (proxy, not attendance)' AS basis
FROM uploader AS u
JOIN threegpp_meetings AS m USING (meeting)
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN affiliation_resolution AS r ON r.raw = u.party AND r.part = 1
LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, d.meeting_date)
GROUP BY u.meeting, coalesce(g.name, r.org_name, u.party), coalesce(g.hq_country, r.hq_country);
