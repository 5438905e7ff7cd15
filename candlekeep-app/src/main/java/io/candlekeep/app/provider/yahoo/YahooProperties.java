package io.candlekeep.app.provider.yahoo;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the Yahoo provider. Every component has a working default, so an empty configuration (or
 * {@link #defaults()} in plain Java) talks to Yahoo itself; tests point {@code baseUrl} at WireMock.
 *
 * @param baseUrl           scheme and host, without a trailing path: {@code https://query2.finance.yahoo.com}
 * @param userAgent         Yahoo answers non-browser agents with errors more often, so the default looks like a browser
 * @param connectTimeout    TCP/TLS connect limit
 * @param requestTimeout    limit for the whole response, body included, once connected
 * @param requestsPerSecond the provider's own rate limit; 0 means "unset" and takes the default, because Spring
 *                          binds an absent primitive as 0
 * @param cookieUrl         fetched before asking for a crumb, for the session cookie the v7 quote endpoint needs
 * @param quoteBatchSize    symbols per v7 quote request
 */
@ConfigurationProperties(prefix = "candlekeep.providers.yahoo")
public record YahooProperties(URI baseUrl, String userAgent, Duration connectTimeout, Duration requestTimeout,
        double requestsPerSecond, URI cookieUrl, Integer quoteBatchSize) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://query2.finance.yahoo.com");
    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final double DEFAULT_REQUESTS_PER_SECOND = 2.0;
    public static final URI DEFAULT_COOKIE_URL = URI.create("https://fc.yahoo.com");
    public static final int DEFAULT_QUOTE_BATCH_SIZE = 50;

    @ConstructorBinding
    public YahooProperties {
        baseUrl = Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL);
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = Objects.requireNonNullElse(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
        requestsPerSecond = requestsPerSecond == 0 ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
        cookieUrl = Objects.requireNonNullElse(cookieUrl, DEFAULT_COOKIE_URL);
        quoteBatchSize = Objects.requireNonNullElse(quoteBatchSize, DEFAULT_QUOTE_BATCH_SIZE);
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be absolute, like https://query2.finance.yahoo.com, but was '"
                    + baseUrl + "'");
        }
        if (cookieUrl.getScheme() == null || cookieUrl.getHost() == null) {
            throw new IllegalArgumentException("cookieUrl must be absolute, like https://fc.yahoo.com, but was '"
                    + cookieUrl + "'");
        }
        if (quoteBatchSize < 1) {
            throw new IllegalArgumentException("quoteBatchSize must be >= 1 but was " + quoteBatchSize);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
        }
    }

    /** The settings of the history provider alone; the quote settings take their defaults. */
    public YahooProperties(URI baseUrl, String userAgent, Duration connectTimeout, Duration requestTimeout,
            double requestsPerSecond) {
        this(baseUrl, userAgent, connectTimeout, requestTimeout, requestsPerSecond, null, null);
    }

    public static YahooProperties defaults() {
        return new YahooProperties(null, null, null, null, 0);
    }

    public YahooProperties withBaseUrl(URI baseUrl) {
        return new YahooProperties(baseUrl, userAgent, connectTimeout, requestTimeout, requestsPerSecond, cookieUrl,
                quoteBatchSize);
    }

    public YahooProperties withRequestTimeout(Duration requestTimeout) {
        return new YahooProperties(baseUrl, userAgent, connectTimeout, requestTimeout, requestsPerSecond, cookieUrl,
                quoteBatchSize);
    }

    public YahooProperties withCookieUrl(URI cookieUrl) {
        return new YahooProperties(baseUrl, userAgent, connectTimeout, requestTimeout, requestsPerSecond, cookieUrl,
                quoteBatchSize);
    }

    public YahooProperties withQuoteBatchSize(int quoteBatchSize) {
        return new YahooProperties(baseUrl, userAgent, connectTimeout, requestTimeout, requestsPerSecond, cookieUrl,
                quoteBatchSize);
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + d);
        }
    }
}
