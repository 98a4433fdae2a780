-- The latest successful refresh of each source: what an export or a report was made from.
SELECT source,
       arg_max(run_id, finished_at) AS run_id,
       max(finished_at)::TIMESTAMP(0) AS finished_utc
FROM refresh_runs
WHERE status = 'ok'
GROUP BY source
ORDER BY source
