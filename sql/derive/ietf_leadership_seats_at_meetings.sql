-- ietf_leadership_seats_at_meetings rows: the IETF roles held on each plenary meeting's
-- first day, with the holder's organization then (sql/views/089_ietf_leadership_seats.sql).
SELECT * FROM ietf_leadership_seats_on(
    (SELECT list({'meeting': meeting, 'as_of': start_date} ORDER BY meeting) FROM ietf_meetings)
);
