package io.candlekeep.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final RetentionPolicy policy = RetentionPolicy.defaults();

    @Test
    void cutoff_defaults_trimIntradayAndKeepDailyForever() {
        assertThat(policy.cutoff(Timeframe.M15, Duration.ofDays(30), NOW, Optional.empty()))
                .contains(NOW.minus(Duration.ofDays(60)));
        assertThat(policy.cutoff(Timeframe.H1, Duration.ofDays(90), NOW, Optional.empty()))
                .contains(NOW.minus(Duration.ofDays(730)));
        assertThat(policy.cutoff(Timeframe.H4, Duration.ofDays(365), NOW, Optional.empty()))
                .contains(NOW.minus(Duration.ofDays(1825)));
        assertThat(policy.cutoff(Timeframe.D1, Duration.ofDays(365), NOW, Optional.empty())).isEmpty();
    }

    @Test
    void cutoff_retentionShorterThanBackfillWindow_keepsTheWholeWindow() {
        RetentionPolicy short15m = policy.with(Timeframe.M15, Duration.ofDays(7));

        assertThat(short15m.cutoff(Timeframe.M15, Duration.ofDays(30), NOW, Optional.empty()))
                .contains(NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void cutoff_coarserBarStillFormingFromOlderFineBars_keepsThoseFineBars() {
        Instant forming = NOW.minus(Duration.ofDays(800));

        assertThat(policy.cutoff(Timeframe.H1, Duration.ofDays(365), NOW, Optional.of(forming))).contains(forming);
        assertThat(policy.cutoff(Timeframe.H1, Duration.ofDays(365), NOW, Optional.of(NOW.minus(Duration.ofDays(1)))))
                .contains(NOW.minus(Duration.ofDays(730)));
    }

    @Test
    void constructor_nonPositiveRetention_isRejected() {
        assertThatThrownBy(() -> new RetentionPolicy(Map.of(Timeframe.M15, Duration.ZERO))).hasMessageContaining("15m");
        assertThat(policy.with(Timeframe.H1, null).cutoff(Timeframe.H1, Duration.ofDays(1), NOW, Optional.empty())).isEmpty();
    }
}
