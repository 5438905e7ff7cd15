package io.candlekeep.app.provider.binance;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the Binance kline stream ({@link BinanceKlineStream}). Every component has a working default, so an
 * empty configuration (or {@link #defaults()}) talks to Binance itself; tests point {@code baseUrl} at a local server.
 *
 * @param baseUrl                 scheme, host and port of the market-data WebSocket, without a path:
 *                                {@code wss://stream.binance.com:9443}; the stream connects to {@code /stream} on it
 * @param connectTimeout          limit for the TCP, TLS and WebSocket handshake
 * @param maxConnectionAge        a connection older than this is replaced by a fresh one; Binance cuts every connection
 *                                at 24 h, so the default of 23 h replaces it at a moment of our choosing instead
 * @param reconnectInitialBackoff cap of the wait before the first reconnect after a drop; each further failed attempt
 *                                doubles it
 * @param reconnectMaxBackoff     the cap never grows past this (Binance allows 300 connection attempts per 5 minutes
 *                                and IP)
 * @param silenceTimeout          a connection that brought nothing for this long, not even one of Binance's pings
 *                                (every 20 s), is taken for dead and replaced; a half-open TCP connection is never
 *                                reported as closed
 */
@ConfigurationProperties(prefix = "candlekeep.providers.binance.stream")
public record BinanceStreamProperties(URI baseUrl, Duration connectTimeout, Duration maxConnectionAge,
        Duration reconnectInitialBackoff, Duration reconnectMaxBackoff, Duration silenceTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("wss://stream.binance.com:9443");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofHours(23);
    public static final Duration DEFAULT_RECONNECT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofMinutes(1);

    @ConstructorBinding
    public BinanceStreamProperties {
        baseUrl = Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        maxConnectionAge = Objects.requireNonNullElse(maxConnectionAge, DEFAULT_MAX_CONNECTION_AGE);
        reconnectInitialBackoff = Objects.requireNonNullElse(reconnectInitialBackoff, DEFAULT_RECONNECT_INITIAL_BACKOFF);
        reconnectMaxBackoff = Objects.requireNonNullElse(reconnectMaxBackoff, DEFAULT_RECONNECT_MAX_BACKOFF);
        silenceTimeout = Objects.requireNonNullElse(silenceTimeout, DEFAULT_SILENCE_TIMEOUT);
        String scheme = baseUrl.getScheme();
        if (!("ws".equals(scheme) || "wss".equals(scheme)) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute ws:// or wss:// URI, like "
                    + DEFAULT_BASE_URL + ", but was '" + baseUrl + "'");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("maxConnectionAge", maxConnectionAge);
        requirePositive("reconnectInitialBackoff", reconnectInitialBackoff);
        requirePositive("silenceTimeout", silenceTimeout);
        if (reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff " + reconnectMaxBackoff
                    + " is below reconnectInitialBackoff " + reconnectInitialBackoff);
        }
    }

    public static BinanceStreamProperties defaults() {
        return new BinanceStreamProperties(null, null, null, null, null, null);
    }

    public BinanceStreamProperties withBaseUrl(URI baseUrl) {
        return new BinanceStreamProperties(baseUrl, connectTimeout, maxConnectionAge, reconnectInitialBackoff,
                reconnectMaxBackoff, silenceTimeout);
    }

    /** The endpoint of combined streams, whose events arrive wrapped as {@code {"stream":..,"data":..}}. */
    public URI streamUri() {
        String url = baseUrl.toString();
        return URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/stream");
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + d);
        }
    }
}
