package io.candlekeep.app.provider.binance;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the Binance provider. Every component has a working default, so an empty configuration (or
 * {@link #defaults()} in plain Java) talks to Binance itself; tests point {@code baseUrl} at WireMock.
 *
 * @param baseUrl              scheme and host of the spot REST API, without a path: {@code https://api.binance.com}
 * @param connectTimeout       TCP/TLS connect limit
 * @param requestTimeout       limit for the whole response, body included, once connected
 * @param requestsPerSecond    the local rate limiter's pace; the weight budget below is what Binance enforces. 0 means
 *                             "unset" and takes the default, because Spring binds an absent primitive as 0
 * @param weightLimitPerMinute Binance's {@code REQUEST_WEIGHT} limit per IP and minute (6000 since 2023-08-25)
 * @param weightSafetyMargin   weight left unused each minute: other programs on the same IP, and requests of this one
 *                             still in flight, spend from the same budget before their weight shows in the header
 */
@ConfigurationProperties(prefix = "candlekeep.providers.binance")
public record BinanceProperties(URI baseUrl, Duration connectTimeout, Duration requestTimeout, double requestsPerSecond,
        Integer weightLimitPerMinute, Integer weightSafetyMargin) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.binance.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final double DEFAULT_REQUESTS_PER_SECOND = 10.0;
    public static final int DEFAULT_WEIGHT_LIMIT_PER_MINUTE = 6000;
    public static final int DEFAULT_WEIGHT_SAFETY_MARGIN = 600;

    @ConstructorBinding
    public BinanceProperties {
        baseUrl = Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = Objects.requireNonNullElse(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
        requestsPerSecond = requestsPerSecond == 0 ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
        weightLimitPerMinute = Objects.requireNonNullElse(weightLimitPerMinute, DEFAULT_WEIGHT_LIMIT_PER_MINUTE);
        weightSafetyMargin = Objects.requireNonNullElse(weightSafetyMargin, DEFAULT_WEIGHT_SAFETY_MARGIN);
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be absolute, like https://api.binance.com, but was '"
                    + baseUrl + "'");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
        }
        if (weightLimitPerMinute < 1) {
            throw new IllegalArgumentException("weightLimitPerMinute must be >= 1 but was " + weightLimitPerMinute);
        }
        if (weightSafetyMargin < 0 || weightSafetyMargin >= weightLimitPerMinute) {
            throw new IllegalArgumentException("weightSafetyMargin must be in [0, weightLimitPerMinute="
                    + weightLimitPerMinute + ") but was " + weightSafetyMargin);
        }
    }

    public static BinanceProperties defaults() {
        return new BinanceProperties(null, null, null, 0, null, null);
    }

    public BinanceProperties withBaseUrl(URI baseUrl) {
        return new BinanceProperties(baseUrl, connectTimeout, requestTimeout, requestsPerSecond, weightLimitPerMinute,
                weightSafetyMargin);
    }

    public BinanceProperties withRequestTimeout(Duration requestTimeout) {
        return new BinanceProperties(baseUrl, connectTimeout, requestTimeout, requestsPerSecond, weightLimitPerMinute,
                weightSafetyMargin);
    }

    public BinanceProperties withWeight(int limitPerMinute, int safetyMargin) {
        return new BinanceProperties(baseUrl, connectTimeout, requestTimeout, requestsPerSecond, limitPerMinute,
                safetyMargin);
    }

    /** The weight this process lets itself use in one minute: the limit less the margin. */
    public int weightBudgetPerMinute() {
        return weightLimitPerMinute - weightSafetyMargin;
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + d);
        }
    }
}
