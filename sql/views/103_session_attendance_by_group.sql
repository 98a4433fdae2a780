-- session_attendance_by_group: who was present at each IETF group's sessions of a meeting
-- (meeting/attended: Meetecho, onsite check-in, "I was there"), per corporate group of the
-- attendee's registration for that meeting. onsite/remote come from that registration;
-- attendance records themselves do not say. A person counts once per group and meeting.
CREATE OR REPLACE VIEW session_attendance_by_group AS
-- computed by each load that changed what it reads: sql/derive/ietf_session_attendance_by_group.sql
SELECT * FROM ietf_session_attendance_by_group;
