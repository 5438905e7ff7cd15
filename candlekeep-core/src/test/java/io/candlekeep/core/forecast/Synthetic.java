package io.candlekeep.core.forecast;

import java.util.Random;

/** Seeded synthetic series with known properties, and a rolling-origin evaluation of a forecaster on them. */
final class Synthetic {

    private Synthetic() {
    }

    /** {@code y_t = y_{t−1} + ε_t}, {@code ε ~ N(0, σ²)}, from {@code start}. */
    static double[] randomWalk(long seed, int n, double start, double sigma) {
        Random random = new Random(seed);
        double[] y = new double[n];
        y[0] = start;
        for (int t = 1; t < n; t++) {
            y[t] = y[t - 1] + sigma * random.nextGaussian();
        }
        return y;
    }

    /** {@code y_t = level + amplitude · sin(2π t / period) + ε_t}. */
    static double[] sinePlusNoise(long seed, int n, double level, double amplitude, int period, double sigma) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = level + amplitude * Math.sin(2 * Math.PI * t / period) + sigma * random.nextGaussian();
        }
        return y;
    }

    /** {@code y_t = intercept + slope · t + ε_t}. */
    static double[] linearTrend(long seed, int n, double intercept, double slope, double sigma) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = intercept + slope * t + sigma * random.nextGaussian();
        }
        return y;
    }

    /**
     * Rolling-origin evaluation (FPP3 §5.10): at each origin {@code t = window, window + stride, ...}, the forecaster
     * is fitted on {@code y[t − window, t)} and each step {@code h} is checked against {@code y[t + h − 1]}, as the
     * service checks a stored forecast against the final bar it targeted. Answers the sums per step, step 1 first.
     */
    static Accuracy[] byStep(Forecaster forecaster, double[] y, int window, int horizon, int stride) {
        Accuracy[] steps = new Accuracy[horizon];
        java.util.Arrays.fill(steps, Accuracy.empty());
        for (int t = window; t + horizon <= y.length; t += stride) {
            double[] history = java.util.Arrays.copyOfRange(y, t - window, t);
            Forecast f = forecaster.forecast(history, horizon);
            double scale = Accuracy.maseScale(history);
            for (int h = 1; h <= horizon; h++) {
                Evaluation e = Evaluation.of(f.point(h), f.interval(h, PredictionInterval.LEVEL_80),
                        f.interval(h, PredictionInterval.LEVEL_95), history[window - 1], scale, y[t + h - 1]);
                steps[h - 1] = steps[h - 1].plus(e);
            }
        }
        return steps;
    }

    /** The sums of every step together. */
    static Accuracy pooled(Accuracy[] steps) {
        Accuracy all = Accuracy.empty();
        for (Accuracy a : steps) {
            all = all.plus(a);
        }
        return all;
    }
}
