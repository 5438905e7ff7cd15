package io.candlekeep.app.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
