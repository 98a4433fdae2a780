-- The IETF plenary meetings, and whether each has registrations with person keys (a
-- NomCom window is computed only when all five of its meetings do).
SELECT m.meeting, m.start_date,
       EXISTS (
           SELECT 1 FROM ietf_registrations AS r
           WHERE r.meeting = m.meeting AND r.person_key IS NOT NULL
       ) AS keyed
FROM ietf_meetings AS m
