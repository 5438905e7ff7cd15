-- When each schedule last finished a run without failing, whatever the runs after it did: the age of that is the
-- metric candlekeep_schedule_last_success_age_seconds. Known for the schedules whose last run succeeded.
ALTER TABLE schedule_state ADD COLUMN last_ok_ms BIGINT;
UPDATE schedule_state SET last_ok_ms = last_finished_ms WHERE last_ok = 1;
