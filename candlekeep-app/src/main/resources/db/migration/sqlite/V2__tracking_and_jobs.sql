-- Which symbols matter and in which timeframes (DESIGN §4), and the backfill job of each fetched series.
-- Instants are epoch milliseconds (UTC).

CREATE TABLE tracked_symbol (
    symbol        TEXT    NOT NULL PRIMARY KEY,
    asset_class   TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    priority      INTEGER NOT NULL,
    status        TEXT    NOT NULL,  -- ACTIVE, NOT_FOUND
    status_reason TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE tracked_series (
    symbol     TEXT    NOT NULL REFERENCES tracked_symbol (symbol),
    timeframe  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (symbol, timeframe)
);

-- One row per fetched series (symbol, provider timeframe). job_seq counts the plans made for it;
-- the runs of the current plan carry the same job_seq.
CREATE TABLE series_job (
    symbol                 TEXT    NOT NULL,
    timeframe              TEXT    NOT NULL,
    job_seq                INTEGER NOT NULL,
    status                 TEXT    NOT NULL,  -- QUEUED, COMPLETE, FAILED, NOT_FOUND
    provider               TEXT    NOT NULL,
    window_start_ms        INTEGER NOT NULL,
    beyond_reach_before_ms INTEGER,
    slices_total           INTEGER NOT NULL,
    derived_timeframes     TEXT    NOT NULL DEFAULT '',  -- coarser timeframes built from this one, e.g. 4h
    last_sync_ms           INTEGER,
    last_error             TEXT,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    PRIMARY KEY (symbol, timeframe)
);

-- One row per attempt at one slice.
CREATE TABLE backfill_run (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol       TEXT    NOT NULL,
    timeframe    TEXT    NOT NULL,
    job_seq      INTEGER NOT NULL,
    slice_start  INTEGER NOT NULL,
    slice_end    INTEGER NOT NULL,
    status       TEXT    NOT NULL,  -- RUNNING, SUCCEEDED, NO_DATA, NOT_FOUND, RATE_LIMITED, FAILED, GAVE_UP, INTERRUPTED
    attempt      INTEGER NOT NULL,
    rows_written INTEGER NOT NULL DEFAULT 0,
    provider     TEXT    NOT NULL,
    error        TEXT,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    duration_ms  INTEGER
);

CREATE INDEX backfill_run_series_idx ON backfill_run (symbol, timeframe, job_seq, slice_start);
CREATE INDEX backfill_run_started_idx ON backfill_run (started_at);
