-- One row per (symbol, timeframe); bars refer to it by a small integer so the bar key stays compact.
CREATE TABLE series (
    id        INTEGER PRIMARY KEY,
    symbol    TEXT    NOT NULL,
    timeframe TEXT    NOT NULL,
    UNIQUE (symbol, timeframe)
);

-- Clustered by (series, start): a range read of one series is one contiguous b-tree scan.
-- final is 0 for a still-forming bar and 1 once its period has ended.
CREATE TABLE bars (
    series_id INTEGER NOT NULL REFERENCES series (id),
    start_ms  INTEGER NOT NULL,
    open      REAL    NOT NULL,
    high      REAL    NOT NULL,
    low       REAL    NOT NULL,
    close     REAL    NOT NULL,
    volume    REAL    NOT NULL,
    final     INTEGER NOT NULL,
    PRIMARY KEY (series_id, start_ms)
) WITHOUT ROWID;
