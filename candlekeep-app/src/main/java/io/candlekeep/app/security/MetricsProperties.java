package io.candlekeep.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a Prometheus scraper may bring instead of the admin's token.
 *
 * @param scrapeToken a token that opens {@code GET /actuator/prometheus} and nothing else (at least 20 characters
 *                    without blanks); unset, the metrics need the admin's token
 */
@ConfigurationProperties(prefix = "candlekeep.metrics")
public record MetricsProperties(String scrapeToken) {

    public MetricsProperties {
        scrapeToken = SecurityProperties.configuredToken("candlekeep.metrics.scrape-token", scrapeToken);
    }

    @Override
    public String toString() {
        // the token is a password: never in a log line or an error message that prints the properties
        return "MetricsProperties[scrapeToken=" + (scrapeToken == null ? "unset" : "set") + "]";
    }
}
