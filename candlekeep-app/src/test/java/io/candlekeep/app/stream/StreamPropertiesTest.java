package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class StreamPropertiesTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        StreamProperties p = StreamProperties.defaults();

        assertThat(p.heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.authTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.maxSymbols()).isEqualTo(100);
        assertThat(p.maxMessagesPerSecond()).isEqualTo(10);
        assertThat(p.maxConnectionsPerUser()).isEqualTo(10);
        assertThat(p.outboxCapacity()).isEqualTo(1000);
        assertThat(p.maxMessageBytes()).isEqualTo(8192);
        assertThat(p.allowedOrigins()).isEmpty();
    }

    @Test
    void new_manySymbolsWithoutAnOutbox_getsAnOutboxForTheirSnapshots() {
        StreamProperties p = new StreamProperties(null, null, null, 500, null, null, null, null, null, null);

        assertThat(p.outboxCapacity()).isEqualTo(500 * 5 + 16);
    }

    @Test
    void new_outboxTooSmallForAFullSubscription_isRefused() {
        assertThatThrownBy(() -> new StreamProperties(null, null, null, 100, null, null, 100, null, null, null))
                .hasMessageContaining("outbox-capacity = 100 cannot hold").hasMessageContaining(">= 516");
    }

    @Test
    void new_zeroOrNegative_isRefusedWithTheKey() {
        assertThatThrownBy(() -> new StreamProperties(Duration.ZERO, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("candlekeep.stream.heartbeat must be a positive duration but was PT0S");
        assertThatThrownBy(() -> new StreamProperties(null, null, null, null, 0, null, null, null, null, null))
                .hasMessageContaining("candlekeep.stream.max-messages-per-second must be >= 1 but was 0");
    }
}
