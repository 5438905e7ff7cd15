-- How far back a series must reach beyond its timeframe's backfill window: a portfolio's daily history reaches back
-- to its first trade in the symbol (and in the currency, for the FX pair to the base currency).
CREATE TABLE history_depth (
    symbol    TEXT   NOT NULL,
    timeframe TEXT   NOT NULL,
    from_ms   INTEGER NOT NULL,
    PRIMARY KEY (symbol, timeframe)
);
