package io.candlekeep.core.forecast;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What one forecaster made of one history: for each step {@code h = 1..horizon} the point forecast (the mean of
 * the forecast distribution) and the standard deviation {@code σ_h} of that distribution, assumed normal, from which
 * {@link #interval} builds prediction intervals.
 *
 * @param observations how many values the forecaster was fitted on
 * @param residualStandardDeviation {@code σ̂}, the residual standard deviation the {@code σ_h} grow from
 * @param parameters the fitted parameters by name ({@code alpha}, {@code drift}, {@code season}); may be empty
 */
public record Forecast(ForecastModel model, double[] points, double[] standardDeviations, int observations,
        double residualStandardDeviation, Map<String, Double> parameters) {

    public Forecast {
        Objects.requireNonNull(model, "model");
        points = points.clone();
        standardDeviations = standardDeviations.clone();
        parameters = Map.copyOf(parameters);
        if (points.length == 0 || points.length != standardDeviations.length) {
            throw new IllegalArgumentException("a forecast needs as many standard deviations as points (at least one): "
                    + points.length + " points, " + standardDeviations.length + " standard deviations");
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i]) || !(standardDeviations[i] >= 0) || Double.isInfinite(standardDeviations[i])) {
                throw new IllegalArgumentException(model + " step " + (i + 1) + ": point " + points[i]
                        + " and standard deviation " + standardDeviations[i] + " must be finite, the deviation >= 0");
            }
        }
    }

    public int horizon() {
        return points.length;
    }

    /** The point forecast of {@code step} (1 is the next bar). */
    public double point(int step) {
        return points[index(step)];
    }

    /** {@code σ_h} of {@code step}. */
    public double standardDeviation(int step) {
        return standardDeviations[index(step)];
    }

    /** The {@code level} (0.80, 0.95, ...) prediction interval of {@code step}: point ± z·σ_h (FPP3 §5.5). */
    public PredictionInterval interval(int step, double level) {
        return PredictionInterval.of(point(step), standardDeviation(step), level);
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    @Override
    public double[] standardDeviations() {
        return standardDeviations.clone();
    }

    private int index(int step) {
        if (step < 1 || step > points.length) {
            throw new IllegalArgumentException("step " + step + " is outside 1.." + points.length);
        }
        return step - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && model == f.model && Arrays.equals(points, f.points)
                && Arrays.equals(standardDeviations, f.standardDeviations) && observations == f.observations
                && Double.compare(residualStandardDeviation, f.residualStandardDeviation) == 0
                && parameters.equals(f.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, Arrays.hashCode(points), observations, parameters);
    }

    @Override
    public String toString() {
        return "Forecast[" + model + ", " + points.length + " steps from " + observations + " observations, σ̂="
                + residualStandardDeviation + ", " + parameters + "]";
    }
}
