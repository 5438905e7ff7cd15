package io.candlekeep.app.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class PostgresStorePropertiesTest {

    @Test
    void constructor_nothingSet_takesTenConnectionsAndAFiveSecondTimeout() {
        PostgresStoreProperties p = new PostgresStoreProperties(null, null, null, null, null, null);

        assertThat(p.poolSize()).isEqualTo(10);
        assertThat(p.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void constructor_connectionTimeoutBelowHikarisFloor_isRefusedByName() {
        assertThatThrownBy(() -> new PostgresStoreProperties(null, null, null, null, null, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candlekeep.db.connection-timeout");
    }

    @Test
    void constructor_poolOfOne_isRefusedByName() {
        assertThatThrownBy(() -> new PostgresStoreProperties(null, null, null, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candlekeep.db.pool-size");
    }
}
