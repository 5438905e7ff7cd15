package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

final class BinanceStreamPropertiesTest {

    @Test
    void defaults_binancesStreamEndpointAndAReplacementBeforeThe24hCut() {
        BinanceStreamProperties p = BinanceStreamProperties.defaults();

        assertThat(p.baseUrl()).isEqualTo(URI.create("wss://stream.binance.com:9443"));
        assertThat(p.streamUri()).isEqualTo(URI.create("wss://stream.binance.com:9443/stream"));
        assertThat(p.maxConnectionAge()).isEqualTo(Duration.ofHours(23));
        assertThat(p.reconnectInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.reconnectMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.silenceTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void bind_settings_areReadFromConfiguration() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "candlekeep.providers.binance.stream.base-url", "ws://127.0.0.1:9999/",
                "candlekeep.providers.binance.stream.max-connection-age", "1h")));

        BinanceStreamProperties p = binder.bind("candlekeep.providers.binance.stream", BinanceStreamProperties.class).get();

        assertThat(p.streamUri()).isEqualTo(URI.create("ws://127.0.0.1:9999/stream"));
        assertThat(p.maxConnectionAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void new_httpBaseUrl_isRejectedQuotingIt() {
        assertThatThrownBy(() -> BinanceStreamProperties.defaults().withBaseUrl(URI.create("https://stream.binance.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'https://stream.binance.com'");
    }

    @Test
    void new_maxBackoffBelowInitial_isRejected() {
        assertThatThrownBy(() -> new BinanceStreamProperties(null, null, null, Duration.ofSeconds(10),
                Duration.ofSeconds(1), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reconnectMaxBackoff");
    }
}
