package io.candlekeep.app.stream;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the WebSocket feed; every component may be left out.
 *
 * @param heartbeat             how often each connection gets a heartbeat message and a ping, and its token is checked
 *                              again (15 s)
 * @param idleTimeout           a client that sends nothing (no message, no pong) for this long is closed (60 s)
 * @param authTimeout           a connection that opened without a token must send {@code auth} within this (5 s)
 * @param maxSymbols            symbols one connection may subscribe to (100)
 * @param maxMessagesPerSecond  messages a client may send per second; more are answered with an error (10)
 * @param maxConnectionsPerUser open connections one user may hold (10)
 * @param outboxCapacity        messages waiting to be sent on one connection; a connection whose outbox is full
 *                              when another must wait is closed with 1013 (1000, or more when the snapshots of a
 *                              full subscription need it: at least {@code max-symbols} x 5 channels + 16)
 * @param maxMessageBytes       the largest message a client may send; the container closes with 1009 above it (8192)
 * @param allowedOrigins        browser origins allowed to open the feed besides the service's own (none)
 * @param subscribedRefresh     how often the symbols someone is subscribed to get a live refresh of their own, beside
 *                              the live refresh of every tracked symbol (60 s; {@code 0s} turns it off)
 */
@ConfigurationProperties(prefix = "candlekeep.stream")
public record StreamProperties(Duration heartbeat, Duration idleTimeout, Duration authTimeout, Integer maxSymbols,
        Integer maxMessagesPerSecond, Integer maxConnectionsPerUser, Integer outboxCapacity, Integer maxMessageBytes,
        List<String> allowedOrigins, Duration subscribedRefresh) {

    public StreamProperties {
        heartbeat = positive("heartbeat", heartbeat, Duration.ofSeconds(15));
        idleTimeout = positive("idle-timeout", idleTimeout, Duration.ofSeconds(60));
        authTimeout = positive("auth-timeout", authTimeout, Duration.ofSeconds(5));
        maxSymbols = atLeastOne("max-symbols", maxSymbols, 100);
        maxMessagesPerSecond = atLeastOne("max-messages-per-second", maxMessagesPerSecond, 10);
        maxConnectionsPerUser = atLeastOne("max-connections-per-user", maxConnectionsPerUser, 10);
        // a subscription to every symbol on every channel answers with that many snapshots at once
        int fullSubscription = maxSymbols * 5 + 16;
        outboxCapacity = atLeastOne("outbox-capacity", outboxCapacity, Math.max(1000, fullSubscription));
        if (outboxCapacity < fullSubscription) {
            throw new IllegalArgumentException("candlekeep.stream.outbox-capacity = " + outboxCapacity + " cannot hold "
                    + "the snapshots of a full subscription: with max-symbols = " + maxSymbols + " it must be >= "
                    + fullSubscription);
        }
        maxMessageBytes = atLeastOne("max-message-bytes", maxMessageBytes, 8192);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        subscribedRefresh = subscribedRefresh == null ? Duration.ofSeconds(60) : subscribedRefresh;
        if (subscribedRefresh.isNegative()) {
            throw new IllegalArgumentException("candlekeep.stream.subscribed-refresh must be >= 0 but was " + subscribedRefresh);
        }
    }

    public static StreamProperties defaults() {
        return new StreamProperties(null, null, null, null, null, null, null, null, null, null);
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("candlekeep.stream." + name + " must be a positive duration but was " + value);
        }
        return value;
    }

    private static int atLeastOne(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("candlekeep.stream." + name + " must be >= 1 but was " + value);
        }
        return value;
    }
}
