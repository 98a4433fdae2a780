-- ietf_leadership_by_group_at_meetings rows: the meeting-day seats
-- (ietf_leadership_seats_at_meetings) per group, role and corporate group, the IETF
-- meeting rows of leadership_by_group (sql/views/092_leadership_by_group.sql), computed by
-- the derived rebuild: warehouse/derived/ietf_tables.py.
SELECT body, group_code, role, org_group, hq_country, sum(weight) AS seats, as_of, meeting
FROM ietf_leadership_seats_at_meetings
GROUP BY ALL
