package io.candlekeep.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The baselines against what theory says of series with known properties, and their formulas on small series
 * worked by hand. Every synthetic series is seeded, so a tolerance below is not there to absorb randomness from run
 * to run: it says how far the figure may lie from its theoretical value for a sample of that size.
 */
final class ForecastersTest {

    private static final Forecaster NAIVE = Forecasters.naive();
    private static final Forecaster DRIFT = Forecasters.drift();
    private static final Forecaster SES = Forecasters.simpleExponentialSmoothing();

    /**
     * On a Gaussian random walk the one-step naive error is the next step {@code ε}, and the MASE scale is the mean
     * {@code |ε|} of the window, so MASE estimates {@code E|ε| / E|ε| = 1}. 2,000 one-step errors from windows of
     * 500: {@code |ε|} has a relative standard deviation of {@code sqrt(π/2 − 1) ≈ 0.76}, so the mean of 2,000 is off
     * by about 1.7 % and a scale from 500 by about 3.4 %; ±0.12 is three standard deviations of their ratio.
     */
    @Test
    void naive_gaussianRandomWalk_oneStepMaseIsAboutOne() {
        double[] y = Synthetic.randomWalk(42, 2_500, 100, 1.0);

        Accuracy oneStep = Synthetic.byStep(NAIVE, y, 500, 1, 1)[0];

        assertThat(oneStep.count()).isEqualTo(2_000);
        assertThat(oneStep.mase().getAsDouble()).isCloseTo(1.0, within(0.12));
        // the MAE itself is E|ε| = σ sqrt(2/π)
        assertThat(oneStep.meanAbsoluteError().getAsDouble()).isCloseTo(Math.sqrt(2 / Math.PI), within(0.05));
        assertThat(oneStep.directionalCount()).as("naive predicts no move: no direction to judge").isZero();
    }

    /** Its h-step error is a sum of h steps: MASE grows as √h (here h = 4: 2, with the same relative tolerance). */
    @Test
    void naive_gaussianRandomWalk_hStepMaseGrowsAsRootH() {
        double[] y = Synthetic.randomWalk(7, 2_500, 100, 1.0);

        Accuracy[] steps = Synthetic.byStep(NAIVE, y, 500, 4, 1);

        assertThat(steps[3].mase().getAsDouble()).isCloseTo(2.0, within(0.25));
        assertThat(steps[3].mase().getAsDouble()).isGreaterThan(steps[1].mase().getAsDouble())
                .isGreaterThan(steps[0].mase().getAsDouble());
    }

    /**
     * A sine of period 24 plus noise: seasonal naive repeats the last cycle, so its error is the difference of two
     * noise terms, {@code E|ε_1 − ε_2| = σ √2 sqrt(2/π) ≈ 0.56} for {@code σ = 0.5}, at every step of the cycle; the
     * others miss the shape of the cycle by up to twice its amplitude of 5. 390 origins of 24 steps; ±0.08 is about
     * three standard deviations of that mean (the steps of one origin share one noise term each).
     */
    @Test
    void seasonalNaive_sinePlusNoise_hasTheLowestMaeOfTheBaselines() {
        int period = 24;
        double[] y = Synthetic.sinePlusNoise(11, 2_600, 100, 5, period, 0.5);
        List<Forecaster> all = Forecasters.baselines(OptionalInt.of(period));
        assertThat(all).extracting(Forecaster::model).containsExactly(ForecastModel.NAIVE, ForecastModel.DRIFT,
                ForecastModel.SEASONAL_NAIVE, ForecastModel.SES);

        double seasonal = Double.NaN;
        double bestOther = Double.POSITIVE_INFINITY;
        for (Forecaster f : all) {
            double mae = Synthetic.pooled(Synthetic.byStep(f, y, 10 * period, period, 6)).meanAbsoluteError().getAsDouble();
            if (f.model() == ForecastModel.SEASONAL_NAIVE) {
                seasonal = mae;
            } else {
                bestOther = Math.min(bestOther, mae);
            }
        }

        assertThat(seasonal).isCloseTo(0.5 * Math.sqrt(2) * Math.sqrt(2 / Math.PI), within(0.08));
        assertThat(seasonal).as("seasonal naive against the best of the others").isLessThan(bestOther / 2);
    }

    /**
     * A linear trend of slope 0.2 plus noise of σ = 1: drift's estimated slope is 0.2 + (ε_T − ε_1)/(T − 1), off by
     * {@code √2 / 299 ≈ 0.005} (±0.02 is four of those); over ten steps it follows the trend, where naive falls
     * behind by 0.2 per step.
     */
    @Test
    void drift_linearTrend_extrapolatesTheSlopeAndBeatsNaive() {
        double[] y = Synthetic.linearTrend(5, 300, 50, 0.2, 1.0);

        Forecast f = DRIFT.forecast(y, 10);

        assertThat(f.parameters().get("drift")).isCloseTo(0.2, within(0.02));
        for (int h = 1; h <= 10; h++) {
            double trend = 50 + 0.2 * (299 + h);
            // the point starts from y_T, off the trend by ε_T: within four of its σ = 1
            assertThat(f.point(h)).as("step %d", h).isCloseTo(trend, within(4.0));
            assertThat(f.point(h) - f.point(1)).isCloseTo((h - 1) * f.parameters().get("drift"), within(1e-9));
        }

        double[] longer = Synthetic.linearTrend(6, 3_000, 50, 0.2, 1.0);
        double driftMae = Synthetic.pooled(Synthetic.byStep(DRIFT, longer, 300, 10, 5)).meanAbsoluteError().getAsDouble();
        double naiveMae = Synthetic.pooled(Synthetic.byStep(NAIVE, longer, 300, 10, 5)).meanAbsoluteError().getAsDouble();
        // drift's error is ε_{T+h} − ε_T: E|.| = √2 sqrt(2/π) ≈ 1.13; naive adds 0.2 h to it
        assertThat(driftMae).isCloseTo(Math.sqrt(2) * Math.sqrt(2 / Math.PI), within(0.1));
        assertThat(driftMae).isLessThan(0.85 * naiveMae);
    }

    /**
     * On a random walk the naive, drift and smoothing intervals are (nearly) the true forecast distributions, so the
     * share of actuals inside is the nominal level at every step. Origins every 10 steps, so no actual is checked
     * twice at one step: 1,980 independent checks per step, whose share inside has a standard deviation of
     * {@code sqrt(0.8 · 0.2 / 1980) ≈ 0.009} at 80 % and {@code 0.005} at 95 %; the bounds are about four of those.
     */
    @Test
    void intervals_gaussianRandomWalk_coverNearTheirNominalLevels() {
        double[] y = Synthetic.randomWalk(2024, 20_000, 100, 1.0);

        for (Forecaster f : List.of(NAIVE, DRIFT, SES)) {
            Accuracy[] steps = Synthetic.byStep(f, y, 200, 10, 10);
            for (int h = 1; h <= 10; h++) {
                Accuracy a = steps[h - 1];
                assertThat(a.count()).isEqualTo(1_980);
                assertThat(a.coverage80().getAsDouble()).as("%s 80 %% coverage at step %d", f.model(), h)
                        .isCloseTo(0.80, within(0.04));
                assertThat(a.coverage95().getAsDouble()).as("%s 95 %% coverage at step %d", f.model(), h)
                        .isCloseTo(0.95, within(0.02));
            }
        }
    }

    /** The seasonal naive intervals on the seasonal series: its errors are N(0, 2σ²) at every step of a cycle. */
    @Test
    void intervals_seasonalNaiveOnSinePlusNoise_coverNearTheirNominalLevels() {
        int period = 24;
        double[] y = Synthetic.sinePlusNoise(3, 24 * 1_000 + 240, 100, 5, period, 0.5);

        Accuracy all = Synthetic.pooled(Synthetic.byStep(Forecasters.seasonalNaive(period), y, 240, period, period));

        assertThat(all.coverage80().getAsDouble()).isCloseTo(0.80, within(0.03));
        assertThat(all.coverage95().getAsDouble()).isCloseTo(0.95, within(0.015));
    }

    @Test
    void naive_smallSeries_pointsAreTheLastValueAndDeviationsGrowAsRootH() {
        double[] y = {1, 3, 2, 5};

        Forecast f = NAIVE.forecast(y, 3);

        // changes 2, -1, 3: σ̂² = 14 / 3 (T − K − M = 4 − 0 − 1)
        double sigma = Math.sqrt(14.0 / 3);
        assertThat(f.residualStandardDeviation()).isCloseTo(sigma, within(1e-12));
        for (int h = 1; h <= 3; h++) {
            assertThat(f.point(h)).isEqualTo(5.0);
            assertThat(f.standardDeviation(h)).isCloseTo(sigma * Math.sqrt(h), within(1e-12));
        }
        PredictionInterval i95 = f.interval(2, 0.95);
        assertThat(i95.lower()).isCloseTo(5 - 1.959964 * sigma * Math.sqrt(2), within(1e-5));
        assertThat(i95.upper()).isCloseTo(5 + 1.959964 * sigma * Math.sqrt(2), within(1e-5));
        assertThat(f.parameters()).isEmpty();
    }

    @Test
    void drift_smallSeries_addsTheAverageChangeAndWidensForItsUncertainty() {
        double[] y = {10, 12, 11, 16};

        Forecast f = DRIFT.forecast(y, 2);

        // drift (16 - 10) / 3 = 2; residuals 0, -3, 3: σ̂² = 18 / 2 (T − K − M = 4 − 1 − 1)
        assertThat(f.parameters().get("drift")).isCloseTo(2.0, within(1e-12));
        assertThat(f.point(1)).isCloseTo(18, within(1e-12));
        assertThat(f.point(2)).isCloseTo(20, within(1e-12));
        assertThat(f.standardDeviation(1)).isCloseTo(3 * Math.sqrt(1 * (1 + 1 / 3.0)), within(1e-12));
        assertThat(f.standardDeviation(2)).isCloseTo(3 * Math.sqrt(2 * (1 + 2 / 3.0)), within(1e-12));
    }

    @Test
    void seasonalNaive_twoSeasons_repeatsTheLastSeasonAndWidensEachSeasonAhead() {
        // period 3: 1 2 3 | 2 4 5; residuals 1, 2, 2: σ̂² = 9 / 3 (T − K − M = 6 − 0 − 3)
        double[] y = {1, 2, 3, 2, 4, 5};

        Forecast f = Forecasters.seasonalNaive(3).forecast(y, 7);

        assertThat(f.points()).containsExactly(2, 4, 5, 2, 4, 5, 2);
        double sigma = Math.sqrt(3);
        assertThat(f.standardDeviations()).containsExactly(new double[] {sigma, sigma, sigma, sigma * Math.sqrt(2),
                sigma * Math.sqrt(2), sigma * Math.sqrt(2), sigma * Math.sqrt(3)}, within(1e-12));
        assertThat(f.parameters().get("season")).isEqualTo(3.0);
    }

    @Test
    void ses_alpha_minimisesTheInSampleSquaredOneStepErrors() {
        for (double[] y : List.of(Synthetic.randomWalk(1, 300, 50, 1), Synthetic.sinePlusNoise(2, 300, 50, 0, 10, 1),
                Synthetic.linearTrend(3, 300, 50, 0.05, 2))) {
            double alpha = SES.forecast(y, 1).parameters().get("alpha");
            double fitted = SimpleExponentialSmoothing.sumOfSquaredErrors(y, alpha);
            for (double a = SimpleExponentialSmoothing.ALPHA_MIN; a <= SimpleExponentialSmoothing.ALPHA_MAX; a += 0.001) {
                assertThat(fitted).as("SSE at the fitted α %s against α %s", alpha, a)
                        .isLessThanOrEqualTo(SimpleExponentialSmoothing.sumOfSquaredErrors(y, a) * (1 + 1e-9));
            }
        }
    }

    @Test
    void ses_randomWalkAndWhiteNoise_fitAlphaNearOneAndNearZero() {
        double onWalk = SES.forecast(Synthetic.randomWalk(9, 1_000, 50, 1), 1).parameters().get("alpha");
        double onNoise = SES.forecast(Synthetic.sinePlusNoise(9, 1_000, 50, 0, 10, 1), 1).parameters().get("alpha");

        // a random walk is ETS(A,N,N) with α = 1; white noise around a level has α = 0
        assertThat(onWalk).isGreaterThan(0.9);
        assertThat(onNoise).isLessThan(0.1);
    }

    @Test
    void ses_deviations_followTheEtsAnnVariance() {
        double[] y = Synthetic.randomWalk(4, 200, 20, 0.5);

        Forecast f = SES.forecast(y, 5);

        double alpha = f.parameters().get("alpha");
        double sigma = Math.sqrt(SimpleExponentialSmoothing.sumOfSquaredErrors(y, alpha) / (y.length - 2));
        assertThat(f.residualStandardDeviation()).isCloseTo(sigma, within(1e-12));
        double level = y[0];
        for (int t = 1; t < y.length; t++) {
            level += alpha * (y[t] - level);
        }
        for (int h = 1; h <= 5; h++) {
            assertThat(f.point(h)).isCloseTo(level, within(1e-12));
            assertThat(f.standardDeviation(h)).isCloseTo(sigma * Math.sqrt(1 + alpha * alpha * (h - 1)), within(1e-12));
        }
    }

    @Test
    void forecast_tooFewObservationsOrABadHorizon_isRefusedSayingWhy() {
        assertThatThrownBy(() -> NAIVE.forecast(new double[] {1}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 observations but got 1");
        assertThatThrownBy(() -> Forecasters.seasonalNaive(7).forecast(new double[13], 3))
                .hasMessageContaining("seasonal_naive needs at least 14 observations but got 13");
        assertThatThrownBy(() -> DRIFT.forecast(new double[] {1, 2, 3}, 0)).hasMessageContaining("horizon must be >= 1");
        double[] withNaN = new double[10];
        Arrays.fill(withNaN, 1);
        withNaN[4] = Double.NaN;
        assertThatThrownBy(() -> SES.forecast(withNaN, 1)).hasMessageContaining("observation 4 is NaN");
        assertThatThrownBy(() -> Forecasters.seasonalNaive(1)).hasMessageContaining("period must be >= 2 but was 1");
    }

    @Test
    void baselines_withoutASeason_leaveSeasonalNaiveOut() {
        assertThat(Forecasters.baselines(OptionalInt.empty())).extracting(Forecaster::model)
                .containsExactly(ForecastModel.NAIVE, ForecastModel.DRIFT, ForecastModel.SES);
    }
}
