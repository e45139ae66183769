/**
 * Backtests as database-backed jobs (DESIGN §9): {@link io.alphaweave.platform.jobs.BacktestQueue}
 * submits a config as a QUEUED run with its job, reads status, progress and the stored report, and
 * cancels or deletes; {@link io.alphaweave.platform.jobs.WorkerPool} claims the jobs (several
 * processes may share one PostgreSQL database), runs them through the application layer with
 * progress and cancellation, and gives its unfinished jobs back when it stops. Nothing here knows HTTP.
 */
package io.alphaweave.platform.jobs;
