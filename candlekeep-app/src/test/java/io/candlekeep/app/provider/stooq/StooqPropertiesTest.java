package io.candlekeep.app.provider.stooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

final class StooqPropertiesTest {

    @Test
    void defaults_enabledAtStooqOneRequestASecondWithoutAKey() {
        StooqProperties p = StooqProperties.defaults();

        assertThat(p.enabled()).isTrue();
        assertThat(p.baseUrl()).isEqualTo(URI.create("https://stooq.com"));
        assertThat(p.apiKey()).isNull();
        assertThat(p.requestsPerSecond()).isEqualTo(1.0);
        assertThat(p.connectTimeout()).isPositive();
        assertThat(p.requestTimeout()).isPositive();
    }

    @Test
    void bind_settings_areReadFromConfiguration() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "candlekeep.providers.stooq.enabled", "false",
                "candlekeep.providers.stooq.base-url", "http://127.0.0.1:9999",
                "candlekeep.providers.stooq.api-key", " abc123 ",
                "candlekeep.providers.stooq.requests-per-second", "0.5")));

        StooqProperties p = binder.bind("candlekeep.providers.stooq", StooqProperties.class).get();

        assertThat(p.enabled()).isFalse();
        assertThat(p.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(p.apiKey()).isEqualTo("abc123");
        assertThat(p.requestsPerSecond()).isEqualTo(0.5);
    }

    @Test
    void toString_withApiKey_doesNotShowIt() {
        assertThat(StooqProperties.defaults().withApiKey("s3cr3t-key").toString()).doesNotContain("s3cr3t")
                .contains("apiKey=set");
    }

    @Test
    void new_apiKeyWithSpacesOrTooLong_isRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> StooqProperties.defaults().withApiKey("a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey").hasMessageNotContaining("a b");
        assertThatThrownBy(() -> StooqProperties.defaults().withApiKey("k".repeat(StooqProperties.MAX_API_KEY_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey");
    }

    @Test
    void new_relativeBaseUrlOrNegativeRate_isRejectedQuotingIt() {
        assertThatThrownBy(() -> StooqProperties.defaults().withBaseUrl(URI.create("stooq.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'stooq.com'");
        assertThatThrownBy(() -> new StooqProperties(null, null, null, null, null, null, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestsPerSecond");
    }
}
