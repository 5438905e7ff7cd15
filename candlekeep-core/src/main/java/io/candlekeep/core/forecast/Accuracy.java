package io.candlekeep.core.forecast;

import java.util.OptionalDouble;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The accuracy of a set of checked forecast points, kept as sums so that a store can add them up in a query and a
 * test one {@link Evaluation} at a time, and both get the same figures:
 *
 * <ul>
 *   <li>MAE, the mean absolute error {@code mean |y − ŷ|};
 *   <li>MASE, the mean absolute scaled error of Hyndman and Koehler (2006), FPP3 §5.8: each error divided by the
 *       in-sample MAE of the one-step naive forecast on the history its forecast was fitted on ({@link #maseScale}),
 *       then averaged. Below 1, the forecasts beat the one-step naive forecast in-sample; the naive forecast's own
 *       one-step errors on a random walk average 1 (its h-step errors {@code √h});
 *   <li>coverage, the share of actuals inside the 80 % and the 95 % prediction intervals;
 *   <li>directional accuracy, the share of points whose predicted move from the last close had the actual move's
 *       sign, among those with a move on both sides ({@link Evaluation.Direction}).
 * </ul>
 *
 * @param scaledCount points with a scaled error (their forecast's scale was not 0)
 * @param directionalCount points with a direction on both sides
 */
public record Accuracy(long count, double sumAbsoluteError, long scaledCount, double sumScaledError, long inside80,
        long inside95, long directionalCount, long directionRight) {

    private static final Accuracy EMPTY = new Accuracy(0, 0, 0, 0, 0, 0, 0, 0);

    public Accuracy {
        if (count < 0 || scaledCount < 0 || scaledCount > count || inside80 < 0 || inside80 > count || inside95 < 0
                || inside95 > count || directionalCount < 0 || directionalCount > count || directionRight < 0
                || directionRight > directionalCount) {
            throw new IllegalArgumentException("inconsistent accuracy sums: count=" + count + " scaled=" + scaledCount
                    + " inside80=" + inside80 + " inside95=" + inside95 + " directional=" + directionalCount
                    + " right=" + directionRight);
        }
    }

    public static Accuracy empty() {
        return EMPTY;
    }

    /**
     * The MASE scale of a history {@code y}: the in-sample mean absolute error of the one-step naive forecast,
     * {@code q = (1 / (T − 1)) Σ_{t=2..T} |y_t − y_{t−1}|} (non-seasonal scaling, FPP3 §5.8).
     */
    public static double maseScale(double[] y) {
        if (y.length < 2) {
            throw new IllegalArgumentException("the MASE scale needs at least 2 observations but got " + y.length);
        }
        double[] changes = new double[y.length - 1];
        for (int t = 1; t < y.length; t++) {
            changes[t - 1] = Math.abs(y[t] - y[t - 1]);
        }
        return StatUtils.mean(changes);
    }

    /** These sums with {@code e} added. */
    public Accuracy plus(Evaluation e) {
        return new Accuracy(count + 1, sumAbsoluteError + e.absoluteError(),
                scaledCount + (e.scaledError().isPresent() ? 1 : 0), sumScaledError + e.scaledError().orElse(0),
                inside80 + (e.inside80() ? 1 : 0), inside95 + (e.inside95() ? 1 : 0),
                directionalCount + (e.direction() == Evaluation.Direction.NONE ? 0 : 1),
                directionRight + (e.direction() == Evaluation.Direction.RIGHT ? 1 : 0));
    }

    /** The sums of both. */
    public Accuracy plus(Accuracy other) {
        return new Accuracy(count + other.count, sumAbsoluteError + other.sumAbsoluteError, scaledCount + other.scaledCount,
                sumScaledError + other.sumScaledError, inside80 + other.inside80, inside95 + other.inside95,
                directionalCount + other.directionalCount, directionRight + other.directionRight);
    }

    /** The mean absolute error; empty without a point. */
    public OptionalDouble meanAbsoluteError() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sumAbsoluteError / count);
    }

    /** The mean absolute scaled error; empty without a scaled point. */
    public OptionalDouble mase() {
        return scaledCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(sumScaledError / scaledCount);
    }

    /** The share of actuals inside the 80 % intervals; empty without a point. */
    public OptionalDouble coverage80() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) inside80 / count);
    }

    /** The share of actuals inside the 95 % intervals; empty without a point. */
    public OptionalDouble coverage95() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) inside95 / count);
    }

    /** The share of directional points whose direction was right; empty without one. */
    public OptionalDouble directionalAccuracy() {
        return directionalCount == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) directionRight / directionalCount);
    }
}
