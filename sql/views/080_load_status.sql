-- load_status: what the warehouse holds per body: meetings, their span, raw registration
-- rows and counted delegates. `sdo status` prints it.
CREATE OR REPLACE VIEW load_status AS
SELECT m.body,
       count(*) AS meetings,
       min(m.meeting) FILTER (WHERE m.start_date = (SELECT min(start_date) FROM meetings WHERE body = m.body)) AS first_meeting,
       max(m.meeting) FILTER (WHERE m.start_date = (SELECT max(start_date) FROM meetings WHERE body = m.body)) AS last_meeting,
       CASE m.body WHEN 'ietf' THEN (SELECT count(*) FROM ietf_registrations) END AS registration_rows,
       sum(m.delegates)::BIGINT AS delegates
FROM meetings AS m
GROUP BY m.body;
