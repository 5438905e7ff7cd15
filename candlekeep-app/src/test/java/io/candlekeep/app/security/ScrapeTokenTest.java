package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ScrapeTokenTest {

    private static final String TOKEN = "ck_scrape_0123456789abcdef";

    @Test
    void matches_theConfiguredToken_only() {
        ScrapeToken scrape = new ScrapeToken(new MetricsProperties(TOKEN));

        assertThat(scrape.matches(TOKEN)).isTrue();
        assertThat(scrape.matches(TOKEN + "x")).isFalse();
        assertThat(scrape.matches(TOKEN.substring(1))).isFalse();
        assertThat(scrape.matches(TOKEN.toUpperCase())).isFalse();
        assertThat(scrape.matches("")).isFalse();
    }

    @Test
    void matches_noTokenConfigured_matchesNothing() {
        ScrapeToken scrape = new ScrapeToken(new MetricsProperties(null));

        assertThat(scrape.matches("")).isFalse();
        assertThat(scrape.matches(TOKEN)).isFalse();
    }

    @Test
    void properties_blankToken_isUnset() {
        assertThat(new MetricsProperties("  ").scrapeToken()).isNull();
    }

    @Test
    void properties_shortOrBlankedToken_isRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new MetricsProperties("ck_short"))
                .hasMessage("candlekeep.metrics.scrape-token must be at least 20 characters without blanks, "
                        + "was 8 characters");
        assertThatThrownBy(() -> new MetricsProperties("ck_scrape 0123456789abcdef"))
                .hasMessageNotContaining("0123456789");
    }

    @Test
    void properties_toString_neverShowsTheToken() {
        assertThat(new MetricsProperties(TOKEN).toString()).doesNotContain(TOKEN).contains("set");
    }
}
