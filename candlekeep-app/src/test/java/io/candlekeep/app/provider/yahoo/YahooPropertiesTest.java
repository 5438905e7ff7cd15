package io.candlekeep.app.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

final class YahooPropertiesTest {

    @Test
    void defaults_pointAtYahooWithABrowserAgent() {
        YahooProperties p = YahooProperties.defaults();

        assertThat(p.baseUrl()).isEqualTo(URI.create("https://query2.finance.yahoo.com"));
        assertThat(p.userAgent()).startsWith("Mozilla/5.0");
        assertThat(p.connectTimeout()).isPositive();
        assertThat(p.requestTimeout()).isPositive();
        assertThat(p.requestsPerSecond()).isPositive();
    }

    @Test
    void new_relativeBaseUrl_isRejectedQuotingIt() {
        assertThatThrownBy(() -> new YahooProperties(URI.create("query2.finance.yahoo.com"), null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'query2.finance.yahoo.com'");
    }

    @Test
    void new_negativeRate_isRejected() {
        assertThatThrownBy(() -> new YahooProperties(null, null, null, null, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestsPerSecond");
    }

    @Test
    void new_zeroTimeout_isRejected() {
        assertThatThrownBy(() -> new YahooProperties(null, null, Duration.ZERO, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }

    @Test
    void defaults_quoteSettings_cookieFromFcYahooAndFiftySymbolsARequest() {
        YahooProperties p = YahooProperties.defaults();

        assertThat(p.cookieUrl()).isEqualTo(URI.create("https://fc.yahoo.com"));
        assertThat(p.quoteBatchSize()).isEqualTo(50);
    }

    @Test
    void bind_quoteSettings_areReadFromConfiguration() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "candlekeep.providers.yahoo.base-url", "http://127.0.0.1:9999",
                "candlekeep.providers.yahoo.cookie-url", "http://127.0.0.1:9999/cookie",
                "candlekeep.providers.yahoo.quote-batch-size", "7")));

        YahooProperties p = binder.bind("candlekeep.providers.yahoo", YahooProperties.class).get();

        assertThat(p.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(p.cookieUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/cookie"));
        assertThat(p.quoteBatchSize()).isEqualTo(7);
        assertThat(p.requestsPerSecond()).isEqualTo(YahooProperties.DEFAULT_REQUESTS_PER_SECOND);
    }

    @Test
    void new_zeroQuoteBatchSize_isRejected() {
        assertThatThrownBy(() -> YahooProperties.defaults().withQuoteBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quoteBatchSize").hasMessageContaining("0");
    }
}
