-- Users, their bearer tokens and their interest in symbols (DESIGN §4, §9). Instants are epoch milliseconds (UTC).

CREATE TABLE app_user (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    role       TEXT    NOT NULL,  -- USER, ADMIN
    created_at INTEGER NOT NULL
);

-- The operator's account; its first token is made at the first start (security/AdminToken).
INSERT INTO app_user (id, name, role, created_at) VALUES (1, 'admin', 'ADMIN', 0);

-- Only the SHA-256 of a token is kept: tokens are 256 random bits, so a fast hash is as safe as a slow one.
CREATE TABLE api_token (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id),
    created_at INTEGER NOT NULL
);

CREATE INDEX api_token_user_idx ON api_token (user_id);

-- One user's reason to care about a symbol; the symbol's priority is the highest of its interests.
CREATE TABLE interest (
    user_id    INTEGER NOT NULL REFERENCES app_user (id),
    symbol     TEXT    NOT NULL REFERENCES tracked_symbol (symbol),
    source     TEXT    NOT NULL,
    priority   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, symbol, source)
);

CREATE INDEX interest_symbol_idx ON interest (symbol);

-- Symbols tracked before there were users belong to the operator.
INSERT INTO interest (user_id, symbol, source, priority, created_at)
SELECT 1, symbol, source, priority, created_at FROM tracked_symbol;

-- Set when the last interest went: the symbol keeps syncing for a while (tracking.linger), then turns DORMANT.
ALTER TABLE tracked_symbol ADD COLUMN unwatched_since INTEGER;
