package io.candlekeep.app.provider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every HTTP adapter needs around the JDK client: one deadline per exchange, reading {@code Retry-After}, and
 * closing the client.
 */
public final class HttpExchanges {

    private HttpExchanges() {
    }

    /**
     * Sends a request and reads the whole body within {@code deadline}. The request's own timeout ends when the headers
     * arrive, so a body dribbled slowly would hold the caller without bound; past the deadline the exchange is cancelled.
     *
     * @throws HttpTimeoutException when the exchange, body included, took longer than the deadline
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration deadline)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + deadline);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A provider's client: redirects followed, connecting within {@code connectTimeout}. */
    public static HttpClient.Builder clientBuilder(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL);
    }

    /** Shuts a client down, waiting at most {@code wait} for calls in flight. */
    public static void shutdown(HttpClient http, Duration wait) {
        http.shutdown();
        try {
            if (!http.awaitTermination(wait)) {
                http.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.shutdownNow();
        }
    }

    /**
     * {@code Retry-After} as delta-seconds or an HTTP date (as a wait from {@code now}, never negative); empty when the
     * header is absent or unreadable.
     */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> header = headers.firstValue("Retry-After").map(String::trim);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
