package io.candlekeep.core.forecast;

/**
 * One forecasting method: from a history {@code y} (oldest first, equally spaced steps) to the point forecasts
 * and forecast standard deviations of the next steps. Implementations are immutable and thread-safe; obtain them
 * from {@link Forecasters}.
 */
public sealed interface Forecaster permits NaiveForecaster, DriftForecaster, SeasonalNaiveForecaster,
        SimpleExponentialSmoothing {

    ForecastModel model();

    /** The fewest observations {@link #forecast} accepts. */
    int minimumObservations();

    /**
     * The forecast of steps {@code 1..horizon} after the last value of {@code y}.
     *
     * @throws IllegalArgumentException when {@code y} holds fewer than {@link #minimumObservations()} values or a
     *     non-finite one, or {@code horizon < 1}
     */
    Forecast forecast(double[] y, int horizon);

    /** Checks the arguments every forecaster takes alike. */
    static void check(Forecaster forecaster, double[] y, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1 but was " + horizon);
        }
        if (y.length < forecaster.minimumObservations()) {
            throw new IllegalArgumentException(forecaster.model() + " needs at least " + forecaster.minimumObservations()
                    + " observations but got " + y.length);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("observation " + i + " is " + y[i] + "; every value must be finite");
            }
        }
    }
}
