-- 013_run_outcomes: what a refresh run's row can tell. prefect_flow_run_id links a run made
-- under a Prefect server to its flow run there (NULL when sdo refresh ran directly).
-- status gains 'crashed': a run found still 'running' when the next one starts belonged to
-- a process that died; rows closed that way before said 'failed' with an 'abandoned' note.
ALTER TABLE refresh_runs ADD COLUMN prefect_flow_run_id VARCHAR;
UPDATE refresh_runs SET status = 'crashed' WHERE status = 'failed' AND message LIKE 'abandoned:%';
