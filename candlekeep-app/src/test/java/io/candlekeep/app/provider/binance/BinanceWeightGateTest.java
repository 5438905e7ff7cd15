package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class BinanceWeightGateTest {

    private static final Instant T = Instant.parse("2026-01-05T10:15:20Z");

    @Test
    void tryReserve_withinBudget_takesTheWeight() {
        BinanceWeightGate gate = new BinanceWeightGate(10);

        assertThat(gate.tryReserve(2, T)).isEmpty();
        assertThat(gate.tryReserve(2, T.plusSeconds(1))).isEmpty();
        assertThat(gate.used(T.plusSeconds(2))).isEqualTo(4);
    }

    @Test
    void tryReserve_pastBudget_answersTheTimeLeftInTheMinuteAndTakesNothing() {
        BinanceWeightGate gate = new BinanceWeightGate(5);
        gate.tryReserve(4, T);

        assertThat(gate.tryReserve(2, T)).contains(Duration.ofSeconds(40));
        assertThat(gate.used(T)).isEqualTo(4);
    }

    @Test
    void tryReserve_nextMinute_startsAfresh() {
        BinanceWeightGate gate = new BinanceWeightGate(5);
        gate.tryReserve(4, T);

        assertThat(gate.tryReserve(2, Instant.parse("2026-01-05T10:16:00Z"))).isEmpty();
    }

    @Test
    void observeUsed_reportedWeightNearTheBudget_refusesTheNextRequest() {
        BinanceWeightGate gate = new BinanceWeightGate(5400);
        gate.observeUsed(5399, T);

        assertThat(gate.tryReserve(2, T.plusSeconds(10))).contains(Duration.ofSeconds(30));
    }

    @Test
    void observeUsed_lowerThanTheOwnCount_keepsTheOwnCount() {
        BinanceWeightGate gate = new BinanceWeightGate(100);
        gate.tryReserve(2, T);
        gate.tryReserve(2, T);

        gate.observeUsed(2, T);

        assertThat(gate.used(T)).isEqualTo(4);
    }

    @Test
    void observeUsed_ofAnEarlierMinute_isIgnored() {
        BinanceWeightGate gate = new BinanceWeightGate(100);
        gate.tryReserve(2, T);

        gate.observeUsed(99, T.minusSeconds(60));

        assertThat(gate.used(T)).isEqualTo(2);
    }

    @Test
    void closeFor_retryAfter_refusesUntilItHasPassedWhateverTheBudget() {
        BinanceWeightGate gate = new BinanceWeightGate(100);

        gate.closeFor(Duration.ofSeconds(90), T);

        assertThat(gate.tryReserve(2, T.plusSeconds(30))).contains(Duration.ofSeconds(60));
        assertThat(gate.tryReserve(2, T.plusSeconds(90))).isEmpty();
    }

    @Test
    void closeFor_shorterWait_doesNotShortenALongerOne() {
        BinanceWeightGate gate = new BinanceWeightGate(100);
        gate.closeFor(Duration.ofMinutes(5), T);

        gate.closeFor(Duration.ofSeconds(1), T);

        assertThat(gate.tryReserve(2, T.plusSeconds(2))).isPresent();
    }

    @Test
    void untilNextMinute_onTheMinute_isAWholeMinute() {
        assertThat(BinanceWeightGate.untilNextMinute(Instant.parse("2026-01-05T10:15:00Z"))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void new_zeroBudget_isRejected() {
        assertThatThrownBy(() -> new BinanceWeightGate(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
