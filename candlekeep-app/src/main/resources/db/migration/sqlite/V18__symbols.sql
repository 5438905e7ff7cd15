-- What providers have said about each symbol's listing (symbols.SymbolDirectory): its name, the exchange as the
-- provider names it to people and the provider's code of it, the currency, the exchange's time zone and the kind of
-- instrument. Learned from search results, quotes and chart metadata; each part is replaced when a newer answer knows
-- it, and a NULL is a part no provider has told yet. A symbol nobody described has no row.
CREATE TABLE symbols (
    symbol        TEXT   NOT NULL PRIMARY KEY,
    name          TEXT,
    exchange      TEXT,
    exchange_code TEXT,
    currency      TEXT,
    time_zone     TEXT,
    asset_class   TEXT,
    updated_at    INTEGER NOT NULL
);
