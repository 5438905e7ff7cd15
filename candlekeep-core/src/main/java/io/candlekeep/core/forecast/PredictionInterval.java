package io.candlekeep.core.forecast;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A prediction interval {@code [lower, upper]}: where the value is expected with probability {@code level}, for a
 * normal forecast distribution {@code point ± z·σ_h} with {@code z} the standard normal quantile of
 * {@code (1 + level) / 2} (FPP3 §5.5, Table 5.1: 1.28 for 80 %, 1.96 for 95 %).
 */
public record PredictionInterval(double level, double lower, double upper) {

    /** The levels Candlekeep stores and checks. */
    public static final double LEVEL_80 = 0.80;
    public static final double LEVEL_95 = 0.95;

    // the random generator is for sampling only, which nothing here does
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    public PredictionInterval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1) but was " + level);
        }
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower " + lower + " must not be above upper " + upper);
        }
    }

    /** {@code point ± z·sd}. */
    public static PredictionInterval of(double point, double sd, double level) {
        double half = multiplier(level) * sd;
        return new PredictionInterval(level, point - half, point + half);
    }

    /** The multiplier {@code z} of {@code level}: the standard normal quantile of {@code (1 + level) / 2}. */
    public static double multiplier(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1) but was " + level);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability((1 + level) / 2);
    }

    /** Whether {@code value} lies inside, bounds included. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
