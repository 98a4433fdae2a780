-- bloc_summary.csv: votes and estimated blocs at each 3GPP meeting the week covers (whole
-- meeting and agenda items), and the latest NomCom year's expected seats for the IETF.
SELECT b.body, b.meeting, b.agenda_item, b.kind, b.bloc, b.members, b.votes, b.vote_share,
       b.can_block, b.can_carry, b.cohesion, b.member_groups, b.basis, b.stability
FROM bloc_summary AS b
WHERE (b.body = '3gpp' AND list_contains($meetings, b.meeting)
       AND (b.body, b.meeting) IN (SELECT (body, meeting) FROM week_meetings))
   OR (b.body = 'ietf' AND b.meeting = (SELECT max(year)::VARCHAR FROM nomcom_pool
                                        WHERE year <= year($week_end::DATE)))
ORDER BY b.body, b.meeting, b.agenda_item NULLS FIRST, b.kind, b.votes DESC NULLS LAST, b.bloc
