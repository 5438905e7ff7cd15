package io.candlekeep.core.gaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class HoleBackoffTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private final HoleBackoff backoff = new HoleBackoff(Duration.ofHours(1), Duration.ofDays(2));

    @Test
    void nextAttempt_doublesPerEmptyAnswer() {
        assertThat(backoff.nextAttempt(1, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(backoff.nextAttempt(2, NOW)).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(backoff.nextAttempt(5, NOW)).isEqualTo(NOW.plus(Duration.ofHours(16)));
    }

    @Test
    void nextAttempt_manyAnswers_isCappedAtMaxWithoutOverflow() {
        assertThat(backoff.nextAttempt(6, NOW)).isEqualTo(NOW.plus(Duration.ofHours(32)));
        assertThat(backoff.nextAttempt(7, NOW)).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(backoff.nextAttempt(1_000, NOW)).isEqualTo(NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void constructor_maxBelowInitial_isRejected() {
        assertThatThrownBy(() -> new HoleBackoff(Duration.ofHours(2), Duration.ofHours(1)))
                .hasMessageContaining("PT1H");
        assertThatThrownBy(() -> backoff.nextAttempt(0, NOW)).hasMessageContaining("0");
    }
}
