-- alphaweave store, version 3: a backtest job names the run it fills (the id the HTTP API answers with).
-- A run submitted over HTTP is QUEUED with its job; the worker that claims the job starts the run.
ALTER TABLE job ADD COLUMN run_id VARCHAR(36);
CREATE INDEX job_run_idx ON job (run_id);
