-- How presence at a meeting is known (participant lists, or the labelled proxy).
SELECT coalesce(any_value(basis), 'no voting record') AS basis
FROM votes_by_group
WHERE meeting = $meeting
