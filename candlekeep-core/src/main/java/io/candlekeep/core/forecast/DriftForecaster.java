package io.candlekeep.core.forecast;

import java.util.Map;

/**
 * The drift forecast: the naive forecast plus the average change of the history per step,
 * {@code ŷ_{T+h|T} = y_T + h (y_T − y_1) / (T − 1)} (FPP3 §5.2). Its residuals are the one-step changes less that
 * drift (one parameter, one observation without a residual), and {@code σ̂_h = σ̂ √(h (1 + h / (T − 1)))}
 * (FPP3 §5.5, Table 5.2): the √h of the random walk, widened by the uncertainty of the drift, which is the mean of
 * {@code T − 1} changes. (FPP2's Table 3.8 printed {@code h / T}.)
 */
final class DriftForecaster implements Forecaster {

    static final DriftForecaster INSTANCE = new DriftForecaster();

    private DriftForecaster() {
    }

    @Override
    public ForecastModel model() {
        return ForecastModel.DRIFT;
    }

    @Override
    public int minimumObservations() {
        return 3;
    }

    @Override
    public Forecast forecast(double[] y, int horizon) {
        Forecaster.check(this, y, horizon);
        int n = y.length;
        double drift = (y[n - 1] - y[0]) / (n - 1);
        double[] residuals = new double[n - 1];
        for (int t = 1; t < n; t++) {
            residuals[t - 1] = y[t] - y[t - 1] - drift;
        }
        double sigma = Residuals.standardDeviation(residuals, 1);
        double[] points = new double[horizon];
        double[] sd = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            points[h - 1] = y[n - 1] + h * drift;
            sd[h - 1] = sigma * Math.sqrt(h * (1 + (double) h / (n - 1)));
        }
        return new Forecast(model(), points, sd, n, sigma, Map.of("drift", drift));
    }
}
