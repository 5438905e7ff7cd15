package io.candlekeep.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class MemoTest {

    private final MutableClock clock = MutableClock.at("2025-01-06T15:00:00Z");
    private final AtomicInteger computations = new AtomicInteger();
    private final Memo<Integer> memo = Memo.of(Duration.ofSeconds(30), clock, computations::incrementAndGet);

    @Test
    void get_withinTtl_computesOnce() {
        assertThat(memo.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));

        assertThat(memo.get()).isEqualTo(1);
        assertThat(computations).hasValue(1);
    }

    @Test
    void get_afterTtl_computesAgain() {
        memo.get();
        clock.advance(Duration.ofSeconds(30));

        assertThat(memo.get()).isEqualTo(2);
    }

    @Test
    void get_clockSetBack_computesAgain() {
        memo.get();
        clock.set(Instant.parse("2025-01-06T14:59:00Z"));

        assertThat(memo.get()).isEqualTo(2);
    }

    @Test
    void get_computationThrowing_isTriedAgainOnTheNextRead() {
        AtomicInteger calls = new AtomicInteger();
        Memo<String> failingOnce = Memo.of(Duration.ofSeconds(30), clock, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
            return "figures";
        });

        assertThatThrownBy(failingOnce::get).hasMessage("database away");
        assertThat(failingOnce.get()).isEqualTo("figures");
    }

    @Test
    void of_negativeTtl_isRefused() {
        assertThatThrownBy(() -> Memo.of(Duration.ofSeconds(-1), clock, () -> 1))
                .hasMessage("ttl must not be negative, was PT-1S");
    }
}
