package io.candlekeep.core.forecast;

import java.util.Map;

/**
 * The seasonal naive forecast: the value of the same slot one season earlier,
 * {@code ŷ_{T+h|T} = y_{T+h−m(k+1)}} with {@code m} the period and {@code k} the integer part of {@code (h − 1) / m}
 * (FPP3 §5.2). Its residuals are {@code e_t = y_t − y_{t−m}} (no parameter, {@code m} observations without a
 * residual) and {@code σ̂_h = σ̂ √(k + 1)} (FPP3 §5.5, Table 5.2). It needs two full seasons.
 */
final class SeasonalNaiveForecaster implements Forecaster {

    private final int period;

    SeasonalNaiveForecaster(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("a seasonal period must be >= 2 but was " + period);
        }
        this.period = period;
    }

    int period() {
        return period;
    }

    @Override
    public ForecastModel model() {
        return ForecastModel.SEASONAL_NAIVE;
    }

    @Override
    public int minimumObservations() {
        return 2 * period;
    }

    @Override
    public Forecast forecast(double[] y, int horizon) {
        Forecaster.check(this, y, horizon);
        int n = y.length;
        int m = period;
        double[] residuals = new double[n - m];
        for (int t = m; t < n; t++) {
            residuals[t - m] = y[t] - y[t - m];
        }
        double sigma = Residuals.standardDeviation(residuals, 0);
        double[] points = new double[horizon];
        double[] sd = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            int k = (h - 1) / m;
            // y_{T+h-m(k+1)} with y_T at index n - 1
            points[h - 1] = y[n - 1 + h - m * (k + 1)];
            sd[h - 1] = sigma * Math.sqrt(k + 1);
        }
        return new Forecast(model(), points, sd, n, sigma, Map.of("season", (double) m));
    }

    @Override
    public String toString() {
        return "SeasonalNaiveForecaster[period=" + period + "]";
    }
}
