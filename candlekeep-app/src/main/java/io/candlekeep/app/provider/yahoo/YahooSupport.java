package io.candlekeep.app.provider.yahoo;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** What the Yahoo chart and quote adapters share: one deadline per exchange, lenient JSON reading, closing the client. */
final class YahooSupport {

    private YahooSupport() {
    }

    /** The text of a node, or null when it is missing or JSON null. */
    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** An IANA zone from Yahoo's {@code exchangeTimezoneName}, or null when absent or unknown. */
    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The first 60 characters of a body, for error messages. */
    static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }

    /**
     * Sends a request and reads the whole body within {@code deadline}. The request's own timeout ends when the headers
     * arrive, so a body dribbled slowly would hold the caller without bound; past the deadline the exchange is cancelled.
     *
     * @throws HttpTimeoutException when the exchange, body included, took longer than the deadline
     */
    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration deadline)
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

    /** Shuts a client down, waiting at most {@code wait} for calls in flight. */
    static void shutdown(HttpClient http, Duration wait) {
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
}
