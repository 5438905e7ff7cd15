package io.candlekeep.core.forecast;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One forecast of a series by every baseline that its history allows, on the closes of its final bars (price
 * levels, not logs: the intervals are in the series' own units, and over a few dozen bars the difference is
 * negligible). Bars still forming are left out; so is nothing else: a bar missing from the store shortens the
 * history, none is invented.
 *
 * @param basedOn the start of the newest final bar, whose close the forecasts start from
 * @param lastClose that bar's close, against which a forecast's direction is judged
 * @param observations how many final closes the forecasters were fitted on
 * @param maseScale the in-sample MAE of the one-step naive forecast on those closes ({@link Accuracy#maseScale})
 * @param targets the start of the bar each step forecasts, step 1 first
 */
public record SeriesForecast(Instant basedOn, double lastClose, int observations, double maseScale,
        OptionalInt season, List<Instant> targets, List<Forecast> forecasts) {

    /** Fewer final bars than this are never forecast, whatever is configured. */
    public static final int MIN_HISTORY_FLOOR = 10;

    public SeriesForecast {
        Objects.requireNonNull(basedOn, "basedOn");
        targets = List.copyOf(targets);
        forecasts = List.copyOf(forecasts);
    }

    /**
     * The forecasts of the {@code horizon} bars after the newest final bar of {@code bars}; empty when {@code bars}
     * holds fewer than {@code minHistory} final bars. Seasonal naive joins when the timeframe has a season on the
     * calendar ({@link Seasonality}) and the history holds two of them.
     */
    public static Optional<SeriesForecast> of(BarSeries bars, Timeframe timeframe, MarketCalendar calendar, int horizon,
            int minHistory) {
        if (minHistory < MIN_HISTORY_FLOOR) {
            throw new IllegalArgumentException("minHistory must be >= " + MIN_HISTORY_FLOOR + " but was " + minHistory);
        }
        int finals = 0;
        for (int i = 0; i < bars.size(); i++) {
            if (bars.isFinal(i)) {
                finals++;
            }
        }
        if (finals < minHistory) {
            return Optional.empty();
        }
        double[] y = new double[finals];
        int last = -1;
        for (int i = 0, k = 0; i < bars.size(); i++) {
            if (bars.isFinal(i)) {
                y[k++] = bars.close(i);
                last = i;
            }
        }
        Instant basedOn = bars.start(last);
        OptionalInt season = Seasonality.barsPerTradingDay(calendar, timeframe, basedOn);
        List<Forecast> forecasts = new ArrayList<>();
        for (Forecaster forecaster : Forecasters.baselines(season)) {
            if (y.length >= forecaster.minimumObservations()) {
                forecasts.add(forecaster.forecast(y, horizon));
            }
        }
        return Optional.of(new SeriesForecast(basedOn, y[y.length - 1], y.length, Accuracy.maseScale(y), season,
                ForecastTargets.after(calendar, timeframe, basedOn, horizon), forecasts));
    }
}
