package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

final class BinancePropertiesTest {

    @Test
    void defaults_pointAtBinanceWithItsWeightLimitAndAMargin() {
        BinanceProperties p = BinanceProperties.defaults();

        assertThat(p.baseUrl()).isEqualTo(URI.create("https://api.binance.com"));
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.requestsPerSecond()).isEqualTo(10.0);
        assertThat(p.weightLimitPerMinute()).isEqualTo(6000);
        assertThat(p.weightSafetyMargin()).isEqualTo(600);
        assertThat(p.weightBudgetPerMinute()).isEqualTo(5400);
    }

    @Test
    void bind_everySetting_isReadFromConfiguration() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "candlekeep.providers.binance.base-url", "http://127.0.0.1:9999",
                "candlekeep.providers.binance.connect-timeout", "2s",
                "candlekeep.providers.binance.request-timeout", "3s",
                "candlekeep.providers.binance.requests-per-second", "4",
                "candlekeep.providers.binance.weight-limit-per-minute", "1200",
                "candlekeep.providers.binance.weight-safety-margin", "200")));

        BinanceProperties p = binder.bind("candlekeep.providers.binance", BinanceProperties.class).get();

        assertThat(p).isEqualTo(new BinanceProperties(URI.create("http://127.0.0.1:9999"), Duration.ofSeconds(2),
                Duration.ofSeconds(3), 4, 1200, 200));
    }

    @Test
    void new_relativeBaseUrl_isRejectedQuotingIt() {
        assertThatThrownBy(() -> BinanceProperties.defaults().withBaseUrl(URI.create("api.binance.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'api.binance.com'");
    }

    @Test
    void new_marginNotBelowTheLimit_isRejected() {
        assertThatThrownBy(() -> BinanceProperties.defaults().withWeight(100, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weightSafetyMargin");
    }

    @Test
    void new_zeroRequestTimeout_isRejected() {
        assertThatThrownBy(() -> BinanceProperties.defaults().withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    }
}
