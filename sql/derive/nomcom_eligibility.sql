-- Who could sit on each NomCom year's committee, and by which paths (warehouse/nomcom/eligibility.py
-- documents the rules). One row per year and eligible person: year, person_key,
-- meetings_attended, path_meetings, path_officer, path_author, affiliation.
--
-- Reads relations named by the caller (the warehouse binds them to the nomcom_* input
-- queries, a test to its own frames):
--   _rules          year, rule, eligibility_date, meetings (comma-separated), meetings_needed,
--                   officer_years, author_years, documents_needed
--   _registrations  meeting, person_key, onsite, checked_in, attended
--   _presence       meeting, person_key
--   _roles          person_key, role, group_acronym, group_type, group_state, since, until, current
--   _events         document, rfc, event_type, time
--   _authors        document, person_key
--   _affiliations   person_key, dated, affiliation, source
-- Computed in the database so the full history never sits in Python's memory.
WITH rules AS (
    SELECT year, rule, eligibility_date, meetings_needed, documents_needed,
           rule IN ('rfc8989', 'rfc9389') AS modern,
           eligibility_date::TIMESTAMP AS day,
           -- 29 February less whole years falls on the 28th, as the datatracker does
           (eligibility_date - to_years(officer_years))::TIMESTAMP AS officer_since,
           (eligibility_date - to_years(author_years))::TIMESTAMP AS author_since,
           string_split(meetings, ',') AS five
    FROM _rules
),
windows AS (
    SELECT year, rule, unnest(five) AS meeting FROM rules
),
counted AS (
    -- RFC 9389: onsite and checked in, or seen at a session; before it: marked attended
    SELECT w.year, r.meeting, r.person_key
    FROM windows AS w JOIN _registrations AS r USING (meeting)
    WHERE CASE WHEN w.rule = 'rfc9389' THEN r.onsite AND r.checked_in ELSE r.attended END
    UNION
    SELECT w.year, p.meeting, p.person_key
    FROM windows AS w JOIN _presence AS p USING (meeting)
    WHERE w.rule = 'rfc9389'
),
attended AS (
    SELECT c.year, c.person_key, count(DISTINCT c.meeting)::INTEGER AS meetings_attended,
           count(DISTINCT c.meeting) >= any_value(n.meetings_needed) AS path_meetings
    FROM counted AS c JOIN rules AS n USING (year)
    WHERE c.person_key IS NOT NULL
    GROUP BY c.year, c.person_key
),
officers AS (
    SELECT DISTINCT n.year, o.person_key
    FROM rules AS n JOIN _roles AS o
      ON o.role IN ('chair', 'secr') AND o.group_type = 'wg' AND o.group_state = 'active'
     AND CASE WHEN o.current THEN o.since <= n.day
              ELSE o.since BETWEEN n.officer_since AND n.day END
    WHERE n.modern AND o.person_key IS NOT NULL
),
works AS (
    -- a draft approved and its RFC published both in the window are one work
    SELECT DISTINCT n.year, coalesce(e.rfc, e.document) AS work, e.document
    FROM rules AS n JOIN _events AS e
      ON e.event_type IN ('published_rfc', 'iesg_approved')
     AND e.time BETWEEN n.author_since AND n.day
    WHERE n.modern
),
authors AS (
    SELECT w.year, a.person_key
    FROM works AS w
    JOIN _authors AS a USING (document)
    JOIN rules AS n USING (year)
    WHERE a.person_key IS NOT NULL
    GROUP BY w.year, a.person_key
    HAVING count(DISTINCT w.work) >= any_value(n.documents_needed)
),
barred AS (
    SELECT DISTINCT n.year, o.person_key
    FROM rules AS n JOIN _roles AS o
      ON o.since <= n.day AND (o.until IS NULL OR n.day < o.until)
    WHERE o.person_key IS NOT NULL
      AND ((o.group_acronym IN ('iab', 'isocbot', 'ietf-trust', 'llc-board')
            AND o.role IN ('member', 'chair'))
        OR (o.group_type = 'area' AND o.group_state = 'active' AND o.role = 'ad')
        OR (o.group_type = 'nomcom' AND o.group_state = 'active' AND o.role = 'chair'))
),
people AS (
    (SELECT year, person_key FROM attended WHERE path_meetings
     UNION SELECT year, person_key FROM officers
     UNION SELECT year, person_key FROM authors)
    EXCEPT SELECT year, person_key FROM barred
),
affiliation AS (
    -- the latest typed on or before the date; on the same day what a registration said,
    -- then alphabetically last: a total order, so row order cannot change the choice
    SELECT p.year, p.person_key, a.affiliation
    FROM people AS p
    JOIN rules AS n USING (year)
    JOIN _affiliations AS a ON a.person_key = p.person_key AND a.dated <= n.eligibility_date
    QUALIFY row_number() OVER (
        PARTITION BY p.year, p.person_key
        ORDER BY a.dated DESC, a.source = 'registration' DESC NULLS LAST,
                 a.affiliation DESC NULLS LAST
    ) = 1
)
SELECT p.year::INTEGER AS year, p.person_key,
       coalesce(t.meetings_attended, 0)::INTEGER AS meetings_attended,
       coalesce(t.path_meetings, false) AS path_meetings,
       o.person_key IS NOT NULL AS path_officer,
       w.person_key IS NOT NULL AS path_author,
       f.affiliation
FROM people AS p
LEFT JOIN attended AS t USING (year, person_key)
LEFT JOIN officers AS o USING (year, person_key)
LEFT JOIN authors AS w USING (year, person_key)
LEFT JOIN affiliation AS f USING (year, person_key)
ORDER BY p.year, p.person_key
