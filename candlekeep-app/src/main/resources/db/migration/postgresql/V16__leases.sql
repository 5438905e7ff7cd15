-- Leases: a named right that one instance holds at a time (store.Leases), such as the one connection to Binance's
-- kline stream. The holder renews it before expires_ms, in the database's clock; once that passes, any instance may
-- take it.
CREATE TABLE leases (
    name       TEXT   NOT NULL PRIMARY KEY,
    holder     TEXT   NOT NULL,
    expires_ms BIGINT NOT NULL
);
