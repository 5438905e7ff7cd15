/**
 * Backfill: for each fetched series a job plans the missing ranges of its window, newest first, as
 * slices that each fit one provider request. Slices are durable db-scheduler executions, run up to the
 * engine's thread count at once, retried with backoff and jitter, and recorded one row per attempt in
 * {@code backfill_run}. Re-running a slice rewrites the same bars, so nothing is ever written twice.
 */
package io.candlekeep.app.backfill;
