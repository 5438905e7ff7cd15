package io.candlekeep.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to a {@link RunningService} on behalf of one caller: every request sends that caller's bearer token. For
 * set-up and checks; the timed loops use {@link RawHttpConnection}.
 */
final class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param authorization the whole {@code Authorization} header value, {@code Bearer <token>} */
    ServiceClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    String authorization() {
        return authorization;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A POST with a JSON body; throws unless the answer is 2xx. */
    JsonNode post(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    /** A GET; throws unless the answer is 2xx. */
    JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", authorization).GET().build());
    }

    /** The raw body of a GET; throws unless the answer is 200. */
    byte[] getBytes(String pathAndQuery) {
        try {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": "
                        + new String(r.body()));
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + pathAndQuery, e);
        }
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /** The entry of {@code symbol} in {@code GET /api/v1/tracking} (paged through), or null when it is not listed. */
    JsonNode trackedEntry(String symbol) {
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/tracking?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode s : page.get("symbols")) {
                if (s.get("symbol").asString().equals(symbol)) {
                    return s;
                }
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        return null;
    }
}
