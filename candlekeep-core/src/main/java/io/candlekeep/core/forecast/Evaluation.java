package io.candlekeep.core.forecast;

import java.util.OptionalDouble;

/**
 * How one forecast point fared against the final bar it targeted.
 *
 * @param absoluteError {@code |y − ŷ|}
 * @param scaledError {@code |y − ŷ| / q} with {@code q} the forecast's MASE scale (see {@link Accuracy#maseScale});
 *     empty when {@code q} is 0 (a history without a single change)
 * @param direction whether the forecast's move from the last close at forecast time had the sign of the actual move
 */
public record Evaluation(double actual, double absoluteError, OptionalDouble scaledError, boolean inside80,
        boolean inside95, Direction direction) {

    /** The sign of {@code ŷ − c} against the sign of {@code y − c}, {@code c} the last close when the forecast was made. */
    public enum Direction {
        RIGHT,
        WRONG,
        /** The forecast called for no move (the naive forecast always), or the actual did not move: not counted. */
        NONE
    }

    /**
     * @param lastClose the close of the bar the forecast was based on
     * @param maseScale the forecast's in-sample naive one-step MAE
     */
    public static Evaluation of(double point, PredictionInterval interval80, PredictionInterval interval95,
            double lastClose, double maseScale, double actual) {
        if (!Double.isFinite(actual)) {
            throw new IllegalArgumentException("actual must be finite but was " + actual);
        }
        double error = Math.abs(actual - point);
        OptionalDouble scaled = maseScale > 0 ? OptionalDouble.of(error / maseScale) : OptionalDouble.empty();
        int predicted = (int) Math.signum(point - lastClose);
        int happened = (int) Math.signum(actual - lastClose);
        Direction direction = predicted == 0 || happened == 0 ? Direction.NONE
                : predicted == happened ? Direction.RIGHT : Direction.WRONG;
        return new Evaluation(actual, error, scaled, interval80.contains(actual), interval95.contains(actual), direction);
    }
}
