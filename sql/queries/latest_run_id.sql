-- The most recent finished refresh or import run (ok or failed), for the published
-- snapshot's manifest: the run whose loads the snapshot shows.
SELECT run_id
FROM refresh_runs
WHERE status <> 'running'
ORDER BY finished_at DESC NULLS LAST, run_id DESC
LIMIT 1
