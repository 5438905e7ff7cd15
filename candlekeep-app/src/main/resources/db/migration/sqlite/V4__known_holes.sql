-- Ranges the provider answered without bars although the calendar expects them (DESIGN §6 rule 4).
-- They are asked for again only after next_retry_ms, with a backoff that grows per empty answer.
CREATE TABLE known_hole (
    symbol        TEXT    NOT NULL,
    timeframe     TEXT    NOT NULL,
    start_ms      INTEGER NOT NULL,
    end_ms        INTEGER NOT NULL,
    attempts      INTEGER NOT NULL,
    next_retry_ms INTEGER NOT NULL,
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL,
    PRIMARY KEY (symbol, timeframe, start_ms)
);
