package io.candlekeep.app.provider.fred;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the FRED provider. Without an API key, or with one not in FRED's form, FRED is not asked at all and
 * tracking a {@code FRED:} symbol is refused saying why ({@link #findKeyProblem}); the application starts either way.
 * Every other component has a working default. The key never appears in {@link #toString()}, in logs or in error
 * messages ({@link #redact}); nor does a malformed one, since a binding failure would print the value.
 *
 * @param baseUrl           scheme and host, without a path: {@code https://api.stlouisfed.org}
 * @param apiKey            FRED's API key, 32 lower-case letters and digits; blank means none
 *                          ({@code CANDLEKEEP_FRED_API_KEY})
 * @param connectTimeout    TCP/TLS connect limit
 * @param requestTimeout    limit for the whole response, body included, once connected
 * @param requestsPerMinute requests a minute at most, 1 to 120: FRED allows 120 a minute per key
 */
@ConfigurationProperties(prefix = "candlekeep.providers.fred")
public record FredProperties(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout,
        Integer requestsPerMinute) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.stlouisfed.org");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** FRED's published limit: 120 requests per minute per API key. */
    public static final int MAX_REQUESTS_PER_MINUTE = 120;
    public static final String MISSING_KEY = "FRED macro series need an API key: set CANDLEKEEP_FRED_API_KEY "
            + "(candlekeep.providers.fred.api-key; free at https://fred.stlouisfed.org/docs/api/api_key.html)";

    /** How FRED issues keys. */
    private static final Pattern KEY_FORM = Pattern.compile("[a-z0-9]{32}");

    @ConstructorBinding
    public FredProperties {
        baseUrl = Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = Objects.requireNonNullElse(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
        requestsPerMinute = Objects.requireNonNullElse(requestsPerMinute, MAX_REQUESTS_PER_MINUTE);
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("candlekeep.providers.fred.base-url must be absolute, like "
                    + DEFAULT_BASE_URL + ", but was '" + baseUrl + "'");
        }
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("request-timeout", requestTimeout);
        if (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("candlekeep.providers.fred.requests-per-minute must be in [1, "
                    + MAX_REQUESTS_PER_MINUTE + "] (FRED's limit per key) but was " + requestsPerMinute);
        }
    }

    public static FredProperties defaults() {
        return new FredProperties(null, null, null, null, null);
    }

    public FredProperties withBaseUrl(URI baseUrl) {
        return new FredProperties(baseUrl, apiKey, connectTimeout, requestTimeout, requestsPerMinute);
    }

    public FredProperties withApiKey(String apiKey) {
        return new FredProperties(baseUrl, apiKey, connectTimeout, requestTimeout, requestsPerMinute);
    }

    public FredProperties withRequestTimeout(Duration requestTimeout) {
        return new FredProperties(baseUrl, apiKey, connectTimeout, requestTimeout, requestsPerMinute);
    }

    /** The key, when one in FRED's form is set. */
    public Optional<String> findApiKey() {
        return hasApiKey() ? Optional.of(apiKey) : Optional.empty();
    }

    public boolean hasApiKey() {
        return apiKey != null && KEY_FORM.matcher(apiKey).matches();
    }

    /** Why FRED cannot be asked: no key, or one not in FRED's form; empty when the key can be used. */
    public Optional<String> findKeyProblem() {
        if (apiKey == null) {
            return Optional.of(MISSING_KEY);
        }
        if (!hasApiKey()) {
            // the key itself is never quoted: logs and error pages are read by others
            return Optional.of("The FRED API key (CANDLEKEEP_FRED_API_KEY, candlekeep.providers.fred.api-key) is not in "
                    + "FRED's form, 32 lower-case letters and digits: it has " + apiKey.length() + " characters");
        }
        return Optional.empty();
    }

    /** {@code text} with the API key replaced by {@code ***}, for anything that may be logged or shown. */
    public String redact(String text) {
        return text == null || apiKey == null ? text : text.replace(apiKey, "***");
    }

    @Override
    public String toString() {
        return "FredProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : hasApiKey() ? "set"
                : "malformed")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", requestsPerMinute="
                + requestsPerMinute + "]";
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("candlekeep.providers.fred." + name + " must be > 0 but was " + d);
        }
    }
}
