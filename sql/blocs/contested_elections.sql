-- The last ballot of every contested election (two or more candidates on it): the
-- finalists and their votes, to hold the bloc model's prediction against.
WITH last AS (
    SELECT meeting, position, max(ballot) AS ballot
    FROM elections
    WHERE ballot IS NOT NULL
    GROUP BY ALL
)
SELECT e.meeting, e.position, e.ballot, e.candidate, e.org_group, e.votes
FROM elections AS e
JOIN last USING (meeting, position, ballot)
WHERE (SELECT count(*) FROM elections AS o
       WHERE o.meeting = e.meeting AND o.position = e.position AND o.ballot = e.ballot) >= 2
ORDER BY e.meeting, e.position, e.votes DESC, e.candidate
