-- load_status: what the warehouse holds per body: meetings, their span, raw registration
-- or participant rows, counted delegates, and (3GPP) TDocs. `sdo status` prints it.
CREATE OR REPLACE VIEW load_status AS
SELECT m.body,
       count(*) AS meetings,
       arg_min(m.meeting, m.start_date) AS first_meeting,
       arg_max(m.meeting, m.start_date) AS last_meeting,
       CASE m.body
           WHEN 'ietf' THEN (SELECT count(*) FROM ietf_registrations)
           ELSE (SELECT count(*) FROM threegpp_participants)
       END AS registration_rows,
       coalesce(sum(m.delegates), 0)::BIGINT AS delegates,
       sum(m.tdocs)::BIGINT AS tdocs
FROM meetings AS m
GROUP BY m.body;
