-- Forecasts (app.forecast): one row per forecast of one series by one model, made at made_at_ms from the final bars
-- up to the one starting at based_on_ms (close last_close), fitted on `observations` closes; sigma is the residual
-- standard deviation, mase_scale the in-sample MAE of the one-step naive forecast on those closes, parameters the
-- fitted parameters as JSON ({"alpha":0.93}).
CREATE TABLE forecast (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol       TEXT    NOT NULL,
    timeframe    TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    made_at_ms   INTEGER NOT NULL,
    based_on_ms  INTEGER NOT NULL,
    last_close   REAL    NOT NULL,
    observations INTEGER NOT NULL,
    sigma        REAL    NOT NULL,
    mase_scale   REAL    NOT NULL,
    parameters   TEXT    NOT NULL
);

CREATE INDEX forecast_series_idx ON forecast (symbol, timeframe, model, based_on_ms);
CREATE INDEX forecast_made_idx ON forecast (made_at_ms);

-- One row per step of a forecast: the bar it targets (target_ms), the point and the 80 % and 95 % interval bounds.
-- status OPEN until the target bar is stored final; then CHECKED with the actual close, |error|, |error| / mase_scale
-- (NULL when the scale is 0), whether the actual was inside each interval (1/0) and direction (1 right, 0 wrong,
-- NULL when the forecast or the actual did not move from last_close); MISSED when no final bar came in time.
CREATE TABLE forecast_point (
    forecast_id   INTEGER NOT NULL REFERENCES forecast (id),
    step          INTEGER NOT NULL,
    target_ms     INTEGER NOT NULL,
    point         REAL    NOT NULL,
    lower_80      REAL    NOT NULL,
    upper_80      REAL    NOT NULL,
    lower_95      REAL    NOT NULL,
    upper_95      REAL    NOT NULL,
    status        TEXT    NOT NULL,
    actual        REAL,
    abs_error     REAL,
    scaled_error  REAL,
    inside_80     INTEGER,
    inside_95     INTEGER,
    direction     INTEGER,
    checked_at_ms INTEGER,
    PRIMARY KEY (forecast_id, step)
);

CREATE INDEX forecast_point_open_idx ON forecast_point (target_ms) WHERE status = 'OPEN';
