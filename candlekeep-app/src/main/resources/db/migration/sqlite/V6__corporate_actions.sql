-- Splits and dividends the provider reported, so a new one is noticed (DESIGN §6 rule 6).
CREATE TABLE corporate_action (
    symbol        TEXT    NOT NULL,
    kind          TEXT    NOT NULL,  -- SPLIT, DIVIDEND
    date_ms       INTEGER NOT NULL,
    value         TEXT    NOT NULL,  -- 4:1, or the dividend amount
    first_seen_ms INTEGER NOT NULL,
    PRIMARY KEY (symbol, kind, date_ms)
);

-- A series whose stored history went stale as a whole; it is fetched again once its current plan settles.
ALTER TABLE series_job ADD COLUMN refetch_pending INTEGER NOT NULL DEFAULT 0;
