-- The last run of each recurring schedule, for /cache/scheduler/status; the next run is db-scheduler's.
CREATE TABLE schedule_state (
    name             TEXT    NOT NULL PRIMARY KEY,
    last_started_ms  INTEGER,
    last_finished_ms INTEGER,
    last_summary     TEXT,
    last_errors      INTEGER,
    last_ok          INTEGER,
    runs             INTEGER NOT NULL DEFAULT 0
);
