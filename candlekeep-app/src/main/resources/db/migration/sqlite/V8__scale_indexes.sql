-- The historical sync looks for series not synced since a cutoff on every tick (schedule/HistoricalSyncJob). With
-- this index that is a range read of the stale jobs rather than a probe per tracked symbol (docs/PERFORMANCE.md,
-- "Scale: 10,000 symbols").
CREATE INDEX series_job_last_sync_idx ON series_job (last_sync_ms);
