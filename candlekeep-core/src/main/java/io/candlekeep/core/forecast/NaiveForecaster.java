package io.candlekeep.core.forecast;

import java.util.Arrays;
import java.util.Map;

/**
 * The naive (random walk) forecast: {@code ŷ_{T+h|T} = y_T}. Its residuals are the one-step changes
 * {@code e_t = y_t − y_{t−1}} (no parameter, one observation without a residual), and its forecast standard
 * deviation grows as {@code σ̂_h = σ̂ √h} (FPP3 §5.5, Table 5.2). It is the optimal forecast of a random walk.
 */
final class NaiveForecaster implements Forecaster {

    static final NaiveForecaster INSTANCE = new NaiveForecaster();

    private NaiveForecaster() {
    }

    @Override
    public ForecastModel model() {
        return ForecastModel.NAIVE;
    }

    @Override
    public int minimumObservations() {
        return 2;
    }

    @Override
    public Forecast forecast(double[] y, int horizon) {
        Forecaster.check(this, y, horizon);
        int n = y.length;
        double[] changes = new double[n - 1];
        for (int t = 1; t < n; t++) {
            changes[t - 1] = y[t] - y[t - 1];
        }
        double sigma = Residuals.standardDeviation(changes, 0);
        double[] points = new double[horizon];
        double[] sd = new double[horizon];
        Arrays.fill(points, y[n - 1]);
        for (int h = 1; h <= horizon; h++) {
            sd[h - 1] = sigma * Math.sqrt(h);
        }
        return new Forecast(model(), points, sd, n, sigma, Map.of());
    }
}
