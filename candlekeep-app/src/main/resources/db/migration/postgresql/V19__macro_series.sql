-- What the provider (FRED) says of each macro series when it is first fetched: its native frequency, the calendar its
-- coverage and gaps follow (daily, weekly_friday, monthly, quarterly, semiannual, annual; NULL when FRED's frequency
-- has no calendar here, such as biweekly), its title and units, and when FRED last changed it (last_updated_ms).
-- updated_at is when this row was last written.
CREATE TABLE macro_series (
    symbol          TEXT    NOT NULL PRIMARY KEY,
    frequency       TEXT,
    title           TEXT    NOT NULL,
    units           TEXT    NOT NULL,
    last_updated_ms BIGINT,
    updated_at      BIGINT  NOT NULL
);
