-- Gainers and losers: for each forum (the IETF's meetings; each 3GPP working group) and
-- measure (people in the delegation; fractional TDocs), the corporate groups whose figure
-- rose or fell most between the forum's last two meetings with that measure. A group absent
-- from one of the two counts 0 there. At most $top each way; unaffiliated groups
-- (Unspecified, Independent) are left out.
WITH figures AS (
    SELECT d.body, m.group_code AS forum, d.meeting, m.dated, d.org_group,
           'people' AS measure, d.people::DECIMAL(38, 6) AS value
    FROM delegation_by_group AS d JOIN meetings AS m USING (body, meeting)
    WHERE d.org_group IS NOT NULL
    UNION ALL
    SELECT '3gpp', m.group_code, c.meeting, m.dated, c.org_group, 'TDocs', c.fractional
    FROM contributions_by_group AS c
    JOIN meetings AS m ON m.body = '3gpp' AND m.meeting = c.meeting
),
recent AS (
    SELECT body, forum, measure, meeting,
           row_number() OVER (PARTITION BY body, forum, measure
                              ORDER BY dated DESC, meeting DESC) AS back
    FROM (SELECT DISTINCT body, forum, measure, meeting, dated FROM figures)
    QUALIFY back <= 2
),
pairs AS (
    SELECT body, forum, measure,
           max(meeting) FILTER (WHERE back = 2) AS previous_meeting,
           max(meeting) FILTER (WHERE back = 1) AS latest_meeting
    FROM recent GROUP BY body, forum, measure
    HAVING count(*) = 2
),
changes AS (
    SELECT p.body, p.forum, p.measure, p.previous_meeting, p.latest_meeting, g.org_group,
           coalesce(sum(f.value) FILTER (WHERE f.meeting = p.previous_meeting), 0) AS previous,
           coalesce(sum(f.value) FILTER (WHERE f.meeting = p.latest_meeting), 0) AS latest
    FROM pairs AS p
    JOIN (SELECT DISTINCT body, forum, measure, org_group FROM figures) AS g
      USING (body, forum, measure)
    JOIN figures AS f
      ON f.body = p.body AND f.forum = p.forum AND f.measure = p.measure
     AND f.org_group = g.org_group
     AND f.meeting IN (p.previous_meeting, p.latest_meeting)
    WHERE NOT unaffiliated(g.org_group)
    GROUP BY ALL
)
SELECT body, forum, measure, previous_meeting, latest_meeting, org_group, previous, latest,
       latest - previous AS change,
       CASE WHEN latest > previous THEN 'gainer' ELSE 'loser' END AS direction
FROM changes
WHERE latest <> previous
QUALIFY row_number() OVER (PARTITION BY body, forum, measure, latest > previous
                           ORDER BY abs(latest - previous) DESC, org_group) <= $top
ORDER BY body, forum, measure, change DESC, org_group
