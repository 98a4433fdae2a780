-- ietf_person_affiliations: what each person (by one-way key) typed as their affiliation,
-- and when: at each meeting they registered for (the meeting's start) and on each document
-- they author (its latest revision). Leadership and the NomCom pool take a person's
-- affiliation from here: the nearest in time, or the latest before a date.
CREATE OR REPLACE VIEW ietf_person_affiliations AS
SELECT r.person_key, m.start_date AS dated, r.affiliation, 'registration' AS source
FROM ietf_registrations AS r
JOIN ietf_meetings AS m USING (meeting)
WHERE r.person_key IS NOT NULL AND r.affiliation <> ''
UNION ALL
SELECT a.person_key, d.time::DATE AS dated, a.affiliation, 'author' AS source
FROM ietf_document_authors AS a
JOIN ietf_documents AS d ON d.name = a.document
WHERE a.person_key IS NOT NULL AND a.affiliation <> '';
