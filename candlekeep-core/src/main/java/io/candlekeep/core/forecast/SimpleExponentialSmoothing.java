package io.candlekeep.core.forecast;

import java.util.Map;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Simple exponential smoothing, the ETS(A,N,N) model (FPP3 §8.1): the level {@code ℓ_t = ℓ_{t−1} + α e_t} with the
 * one-step error {@code e_t = y_t − ℓ_{t−1}}, the forecast {@code ŷ_{T+h|T} = ℓ_T} for every step.
 *
 * <p>The initial level is the first observation, {@code ℓ_1 = y_1}. The smoothing parameter {@code α} is fitted by
 * minimising the in-sample sum of squared one-step errors {@code Σ e_t²} over {@code [0.0001, 0.9999]} with Brent's
 * method (Apache Commons Math {@link BrentOptimizer}); since Brent's method finds a local minimum, both bounds are
 * compared with it too. {@code σ̂² = Σ e_t² / (T − 2)} (one parameter, one observation without an error), and the
 * forecast variance is {@code σ_h² = σ̂² (1 + α² (h − 1))} (FPP3 §8.7, Table 8.8, ETS(A,N,N)).
 */
final class SimpleExponentialSmoothing implements Forecaster {

    static final SimpleExponentialSmoothing INSTANCE = new SimpleExponentialSmoothing();

    static final double ALPHA_MIN = 1e-4;
    static final double ALPHA_MAX = 0.9999;
    private static final int MAX_EVALUATIONS = 500;

    private SimpleExponentialSmoothing() {
    }

    @Override
    public ForecastModel model() {
        return ForecastModel.SES;
    }

    @Override
    public int minimumObservations() {
        return 3;
    }

    @Override
    public Forecast forecast(double[] y, int horizon) {
        Forecaster.check(this, y, horizon);
        double alpha = fitAlpha(y);
        int n = y.length;
        double[] errors = new double[n - 1];
        double level = y[0];
        for (int t = 1; t < n; t++) {
            errors[t - 1] = y[t] - level;
            level += alpha * errors[t - 1];
        }
        double sigma = Residuals.standardDeviation(errors, 1);
        double[] points = new double[horizon];
        double[] sd = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            points[h - 1] = level;
            sd[h - 1] = sigma * Math.sqrt(1 + alpha * alpha * (h - 1));
        }
        return new Forecast(model(), points, sd, n, sigma, Map.of("alpha", alpha));
    }

    /** The {@code α} in {@code [ALPHA_MIN, ALPHA_MAX]} with the least in-sample sum of squared one-step errors. */
    static double fitAlpha(double[] y) {
        UnivariatePointValuePair best = new BrentOptimizer(1e-10, 1e-14).optimize(new MaxEval(MAX_EVALUATIONS),
                new UnivariateObjectiveFunction(a -> sumOfSquaredErrors(y, a)), GoalType.MINIMIZE,
                new SearchInterval(ALPHA_MIN, ALPHA_MAX));
        double alpha = best.getPoint();
        double sse = best.getValue();
        for (double bound : new double[] {ALPHA_MIN, ALPHA_MAX}) {
            double atBound = sumOfSquaredErrors(y, bound);
            if (atBound < sse) {
                alpha = bound;
                sse = atBound;
            }
        }
        return alpha;
    }

    /** {@code Σ e_t²} of the one-step errors with smoothing parameter {@code alpha} and {@code ℓ_1 = y_1}. */
    static double sumOfSquaredErrors(double[] y, double alpha) {
        double level = y[0];
        double sse = 0;
        for (int t = 1; t < y.length; t++) {
            double e = y[t] - level;
            sse += e * e;
            level += alpha * e;
        }
        return sse;
    }
}
