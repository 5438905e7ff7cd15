package io.candlekeep.app.provider.stooq;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the Stooq provider, the daily fallback for stocks, ETFs and indices. Every component has a working
 * default, so an empty configuration (or {@link #defaults()} in plain Java) talks to Stooq itself; tests point
 * {@code baseUrl} at WireMock.
 *
 * @param enabled           whether Stooq is asked for daily bars of stocks, ETFs and indices when Yahoo fails
 * @param baseUrl           scheme and host, without a path: {@code https://stooq.com}
 * @param apiKey            sent as {@code apikey}; since 2026 Stooq answers clients without one with an HTML page
 *                          (pandas-datareader#1012). Never logged
 * @param userAgent         sent with every request
 * @param connectTimeout    TCP/TLS connect limit
 * @param requestTimeout    limit for the whole response, body included, once connected
 * @param requestsPerSecond the local rate limiter's pace: Stooq publishes no limit, so the default is a polite one
 *                          request a second; 0 means "unset" and takes it, because Spring binds an absent primitive as 0
 */
@ConfigurationProperties(prefix = "candlekeep.providers.stooq")
public record StooqProperties(Boolean enabled, URI baseUrl, String apiKey, String userAgent, Duration connectTimeout,
        Duration requestTimeout, double requestsPerSecond) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://stooq.com");
    public static final String DEFAULT_USER_AGENT = "Candlekeep/1.0 (market-data service; daily downloads)";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final double DEFAULT_REQUESTS_PER_SECOND = 1.0;
    /** Longer than any key Stooq hands out; a longer value is a mistake in the configuration. */
    public static final int MAX_API_KEY_LENGTH = 200;

    @ConstructorBinding
    public StooqProperties {
        enabled = Objects.requireNonNullElse(enabled, true);
        baseUrl = Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = Objects.requireNonNullElse(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
        requestsPerSecond = requestsPerSecond == 0 ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be absolute, like https://stooq.com, but was '" + baseUrl
                    + "'");
        }
        if (apiKey != null && (apiKey.length() > MAX_API_KEY_LENGTH || !apiKey.chars().allMatch(c -> c > ' ' && c < 127))) {
            throw new IllegalArgumentException("apiKey must be 1 to " + MAX_API_KEY_LENGTH
                    + " printable ASCII characters without spaces (its value is not shown)");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
        }
    }

    public static StooqProperties defaults() {
        return new StooqProperties(null, null, null, null, null, null, 0);
    }

    public StooqProperties withBaseUrl(URI baseUrl) {
        return new StooqProperties(enabled, baseUrl, apiKey, userAgent, connectTimeout, requestTimeout,
                requestsPerSecond);
    }

    public StooqProperties withApiKey(String apiKey) {
        return new StooqProperties(enabled, baseUrl, apiKey, userAgent, connectTimeout, requestTimeout,
                requestsPerSecond);
    }

    public StooqProperties withRequestTimeout(Duration requestTimeout) {
        return new StooqProperties(enabled, baseUrl, apiKey, userAgent, connectTimeout, requestTimeout,
                requestsPerSecond);
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + d);
        }
    }

    /** Without the API key: configuration gets printed (a failed start, a debug log), a secret must not be. */
    @Override
    public String toString() {
        return "StooqProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "unset" : "set") + ", userAgent=" + userAgent + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", requestsPerSecond=" + requestsPerSecond + "]";
    }
}
