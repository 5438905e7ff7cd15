package io.candlekeep.app.forecast;

import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.forecast.SeriesForecast;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param horizons bars forecast ahead per timeframe code ({@code "[1h]": 24}), 1 to {@value #MAX_HORIZON}; a timeframe
 *     left out keeps its default (15m 16, 1h 24, 4h 6, 1d 5)
 * @param minHistory the fewest final bars a series is forecast from, {@value SeriesForecast#MIN_HISTORY_FLOOR} to
 *     {@code fitWindow} (default 30)
 * @param fitWindow how many of the newest final bars the models are fitted on, 30 to {@value #MAX_FIT_WINDOW}
 *     (default 500)
 * @param maxSeriesPerRun series forecast in one run at most, 1 to {@value #MAX_SERIES_PER_RUN} (default 200); the
 *     rest wait for the next run, highest priority first
 * @param every per interest source code ({@code watchlist: 1}): how many new final bars a series needs since its
 *     last forecast before it is forecast again, 1 to {@value #MAX_EVERY}; the source is the symbol's strongest
 *     interest (defaults: portfolio, watchlist and api 1, chart_view 2, search 4, background 8)
 * @param keep how long forecasts are kept after they were made, at least a day (default 30 days)
 * @param missedAfter a forecast step whose bar has not come final this long after it started is given up as
 *     missed and no longer holds that bar against retention, at least an hour (default 7 days)
 */
@ConfigurationProperties(prefix = "candlekeep.forecast")
public record ForecastProperties(Map<String, Integer> horizons, Integer minHistory, Integer fitWindow,
        Integer maxSeriesPerRun, Map<String, Integer> every, Duration keep, Duration missedAfter) {

    static final int MAX_HORIZON = 500;
    static final int MAX_FIT_WINDOW = 5_000;
    static final int MAX_SERIES_PER_RUN = 100_000;
    static final int MAX_EVERY = 1_000;

    private static final Map<Timeframe, Integer> DEFAULT_HORIZONS = Map.of(Timeframe.M15, 16, Timeframe.H1, 24,
            Timeframe.H4, 6, Timeframe.D1, 5);
    private static final Map<InterestSource, Integer> DEFAULT_EVERY = Map.of(InterestSource.PORTFOLIO, 1,
            InterestSource.WATCHLIST, 1, InterestSource.API, 1, InterestSource.CHART_VIEW, 2, InterestSource.SEARCH, 4,
            InterestSource.BACKGROUND, 8);

    public ForecastProperties {
        horizons = horizons == null ? Map.of() : Map.copyOf(horizons);
        every = every == null ? Map.of() : Map.copyOf(every);
        minHistory = minHistory == null ? 30 : minHistory;
        fitWindow = fitWindow == null ? 500 : fitWindow;
        maxSeriesPerRun = maxSeriesPerRun == null ? 200 : maxSeriesPerRun;
        keep = keep == null ? Duration.ofDays(30) : keep;
        missedAfter = missedAfter == null ? Duration.ofDays(7) : missedAfter;
        horizons.forEach((tf, n) -> {
            Timeframe.of(tf);
            within("horizons." + tf, n, 1, MAX_HORIZON);
        });
        every.forEach((source, n) -> {
            InterestSource.of(source);
            within("every." + source, n, 1, MAX_EVERY);
        });
        within("fit-window", fitWindow, 30, MAX_FIT_WINDOW);
        within("min-history", minHistory, SeriesForecast.MIN_HISTORY_FLOOR, fitWindow);
        within("max-series-per-run", maxSeriesPerRun, 1, MAX_SERIES_PER_RUN);
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("candlekeep.forecast.keep must be at least 1d but was " + keep);
        }
        if (missedAfter.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("candlekeep.forecast.missed-after must be at least 1h but was " + missedAfter);
        }
    }

    public static ForecastProperties defaults() {
        return new ForecastProperties(null, null, null, null, null, null, null);
    }

    /** Bars forecast ahead in {@code timeframe}. */
    public int horizon(Timeframe timeframe) {
        Map<Timeframe, Integer> resolved = new EnumMap<>(DEFAULT_HORIZONS);
        horizons.forEach((k, v) -> resolved.put(Timeframe.of(k), v));
        return resolved.get(timeframe);
    }

    /** New final bars a series of a symbol whose strongest interest is {@code source} needs before its next forecast. */
    public int every(InterestSource source) {
        for (Map.Entry<String, Integer> e : every.entrySet()) {
            if (InterestSource.of(e.getKey()) == source) {
                return e.getValue();
            }
        }
        return DEFAULT_EVERY.get(source);
    }

    private static void within(String key, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new IllegalArgumentException("candlekeep.forecast." + key + " must be in " + min + ".." + max
                    + " but was " + value);
        }
    }
}
