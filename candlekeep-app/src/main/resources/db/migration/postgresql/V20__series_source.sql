-- Which provider wrote which range of each fetched series last (backfill.SeriesSourceRepository): a short list of
-- sorted, disjoint spans [start_ms, end_ms) per series, each answer replacing what it overlaps. Coverage shows them
-- per timeframe (providers), so a series Stooq filled while Yahoo was down says so.
CREATE TABLE series_source (
    symbol    TEXT    NOT NULL,
    timeframe TEXT    NOT NULL,
    start_ms  BIGINT  NOT NULL,
    end_ms    BIGINT  NOT NULL,
    provider  TEXT    NOT NULL,
    PRIMARY KEY (symbol, timeframe, start_ms)
);

-- Series filled before this version: one span over their successful runs, where every run names the same provider
-- (the one asked first; runs did not say which provider answered).
INSERT INTO series_source (symbol, timeframe, start_ms, end_ms, provider)
SELECT symbol, timeframe, MIN(slice_start), MAX(slice_end), MIN(provider)
  FROM backfill_run
 WHERE status = 'SUCCEEDED'
 GROUP BY symbol, timeframe
HAVING COUNT(DISTINCT provider) = 1 AND MAX(slice_end) > MIN(slice_start);
