-- Monitoring counts the runs that finished in the last hours (monitor/MonitorService); with this index that is a
-- range read of those runs rather than a scan of every run ever recorded.
CREATE INDEX backfill_run_finished_idx ON backfill_run (finished_at);
