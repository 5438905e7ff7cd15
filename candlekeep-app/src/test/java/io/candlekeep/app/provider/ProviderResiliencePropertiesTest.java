package io.candlekeep.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ProviderResiliencePropertiesTest {

    @Test
    void defaults_fillEveryUnsetValue() {
        ProviderResilienceProperties p = ProviderResilienceProperties.defaults();

        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoffMultiplier()).isEqualTo(2.0);
        assertThat(p.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.failureRateThreshold()).isEqualTo(50f);
        assertThat(p.minimumNumberOfCalls()).isLessThanOrEqualTo(p.slidingWindowSize());
        assertThat(p.waitInOpenState()).isPositive();
    }

    @Test
    void new_maxBackoffBelowInitialBackoff_isRejectedQuotingBoth() {
        assertThatThrownBy(() -> new ProviderResilienceProperties(3, Duration.ofSeconds(5), Duration.ofSeconds(1), 2,
                null, null, 0, 0, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S").hasMessageContaining("PT5S");
    }

    @Test
    void new_thresholdAbove100_isRejected() {
        assertThatThrownBy(() -> new ProviderResilienceProperties(3, null, null, 0, null, null, 150, 0, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRateThreshold")
                .hasMessageContaining("150");
    }

    @Test
    void new_minimumCallsAboveWindow_isRejected() {
        assertThatThrownBy(() -> new ProviderResilienceProperties(3, null, null, 0, null, null, 0, 4, 6, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumNumberOfCalls");
    }

    @Test
    void new_negativeMaxAttempts_isRejected() {
        assertThatThrownBy(() -> new ProviderResilienceProperties(-1, null, null, 0, null, null, 0, 0, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts must be >= 1 but was -1");
    }
}
