-- Portfolios and their transactions (DESIGN §7). Money and quantities are decimal text, never floating point:
-- SQLite has no exact decimal type, and text keeps every digit the user sent.

CREATE TABLE portfolio (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES app_user (id),
    name          TEXT    NOT NULL,
    base_currency TEXT    NOT NULL,
    allow_short   INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    UNIQUE (user_id, name)
);

CREATE TABLE transactions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    portfolio_id INTEGER NOT NULL REFERENCES portfolio (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    symbol       TEXT    NOT NULL,
    side         TEXT    NOT NULL,  -- BUY, SELL
    quantity     TEXT    NOT NULL,
    price        TEXT    NOT NULL,
    fee          TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    executed_at  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE INDEX transactions_portfolio_idx ON transactions (portfolio_id, executed_at);
