package io.candlekeep.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class AccuracyTest {

    private static final PredictionInterval I80 = new PredictionInterval(0.80, 9, 11);
    private static final PredictionInterval I95 = new PredictionInterval(0.95, 8, 12);

    @Test
    void evaluation_actualBetweenTheBounds_isInsideTheWiderIntervalOnly() {
        Evaluation e = Evaluation.of(10, I80, I95, 9.5, 2.0, 11.5);

        assertThat(e.absoluteError()).isCloseTo(1.5, within(1e-12));
        assertThat(e.scaledError()).hasValue(0.75);
        assertThat(e.inside80()).isFalse();
        assertThat(e.inside95()).isTrue();
        // forecast up from 9.5, actual up too
        assertThat(e.direction()).isEqualTo(Evaluation.Direction.RIGHT);
    }

    @Test
    void evaluation_movesOfOppositeSign_areWrong_andABoundCountsAsInside() {
        // forecast down from 10.5, actual up to the 80 % bound
        Evaluation e = Evaluation.of(10, I80, I95, 10.5, 1.0, 11);

        assertThat(e.direction()).isEqualTo(Evaluation.Direction.WRONG);
        assertThat(e.inside80()).isTrue();
    }

    @Test
    void evaluation_forecastOfNoMove_hasNoDirection() {
        // the naive forecast is the last close itself
        assertThat(Evaluation.of(10, I80, I95, 10, 1.0, 12).direction()).isEqualTo(Evaluation.Direction.NONE);
        assertThat(Evaluation.of(11, I80, I95, 10, 1.0, 10).direction()).isEqualTo(Evaluation.Direction.NONE);
    }

    @Test
    void evaluation_historyWithoutAChange_hasNoScaledError() {
        assertThat(Evaluation.of(10, I80, I95, 10, 0.0, 12).scaledError()).isEmpty();
    }

    @Test
    void accuracy_ofEvaluations_isTheirMeansAndShares() {
        Evaluation a = Evaluation.of(10, I80, I95, 9, 2.0, 10.5);   // error 0.5, inside both, right
        Evaluation b = Evaluation.of(10, I80, I95, 9, 2.0, 8.5);    // error 1.5, inside 95 only, wrong
        Evaluation c = Evaluation.of(10, I80, I95, 10, 0.0, 13);    // error 3, outside, no direction, no scale

        Accuracy acc = Accuracy.empty().plus(a).plus(b).plus(c);

        assertThat(acc.count()).isEqualTo(3);
        assertThat(acc.meanAbsoluteError()).hasValue((0.5 + 1.5 + 3) / 3);
        assertThat(acc.mase()).hasValue((0.25 + 0.75) / 2);
        assertThat(acc.coverage80()).hasValue(1 / 3.0);
        assertThat(acc.coverage95()).hasValue(2 / 3.0);
        assertThat(acc.directionalCount()).isEqualTo(2);
        assertThat(acc.directionalAccuracy()).hasValue(0.5);
        assertThat(Accuracy.empty().plus(a).plus(Accuracy.empty().plus(b).plus(c))).isEqualTo(acc);
    }

    @Test
    void accuracy_empty_hasNoFigures() {
        Accuracy none = Accuracy.empty();

        assertThat(none.meanAbsoluteError()).isEmpty();
        assertThat(none.mase()).isEmpty();
        assertThat(none.coverage95()).isEmpty();
        assertThat(none.directionalAccuracy()).isEmpty();
    }

    @Test
    void accuracy_inconsistentSums_areRefused() {
        assertThatThrownBy(() -> new Accuracy(2, 1, 3, 1, 0, 0, 0, 0)).hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new Accuracy(2, 1, 1, 1, 0, 0, 1, 2)).hasMessageContaining("inconsistent");
    }

    @Test
    void maseScale_isTheMeanAbsoluteOneStepChange() {
        assertThat(Accuracy.maseScale(new double[] {1, 3, 2, 5})).isCloseTo((2 + 1 + 3) / 3.0, within(1e-12));
        assertThatThrownBy(() -> Accuracy.maseScale(new double[] {1})).hasMessageContaining("at least 2");
    }

    @Test
    void predictionInterval_multipliers_areTheNormalQuantiles() {
        // FPP3 Table 5.1
        assertThat(PredictionInterval.multiplier(0.80)).isCloseTo(1.28, within(0.005));
        assertThat(PredictionInterval.multiplier(0.95)).isCloseTo(1.96, within(0.005));
        assertThatThrownBy(() -> PredictionInterval.multiplier(1.0)).hasMessageContaining("level must be in (0, 1)");
    }
}
