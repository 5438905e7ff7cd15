package io.candlekeep.bench;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.store.sqlite.SqliteStoreConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Candlekeep started in this JVM on a fresh temporary data folder, a free loopback port and the simulated
 * provider, with logging turned down so that it does not disturb the figures. Closing it stops the service and
 * deletes the folder.
 */
final class RunningService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RunningService(ConfigurableApplicationContext context, Path dataDir, int port) {
        this.context = context;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts the service; {@code overrides} are added to (and win over) the benchmark defaults. */
    static RunningService start(Map<String, Object> overrides) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("candlekeep-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary data folder", e);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("candlekeep.data-dir", dataDir.toString());
        props.put("candlekeep.provider", "simulated");
        props.put("candlekeep.security.admin-token", TOKEN);
        props.put("server.port", 0);
        props.put("server.address", "127.0.0.1");
        props.put("spring.main.banner-mode", "off");
        props.put("spring.main.log-startup-info", false);
        props.put("logging.level.root", "warn");
        props.put("logging.level.io.candlekeep", "warn");
        props.putAll(overrides);
        // As command-line arguments, not SpringApplicationBuilder.properties(...): those are default properties,
        // which application.yml overrides (the service would then listen on 8080 and fetch from Yahoo).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CandlekeepApplication.class).run(args);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new RunningService(context, dataDir, port);
    }

    int port() {
        return port;
    }

    Path dbFile() {
        return dataDir.resolve(SqliteStoreConfiguration.DB_FILE_NAME);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** The admin token every benchmark service is started with and every benchmark request sends. */
    static final String TOKEN = "ck_bench_admin_token_0123456789abcdef";
    static final String AUTHORIZATION = "Bearer " + TOKEN;

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A POST with a JSON body; throws unless the answer is 200. */
    JsonNode post(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    /** A GET; throws unless the answer is 200. */
    JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", AUTHORIZATION).GET().build());
    }

    /** The raw body of a GET; throws unless the answer is 200. */
    byte[] getBytes(String pathAndQuery) {
        try {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", AUTHORIZATION).GET().build(),
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
            if (r.statusCode() != 200) {
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

    /** The entry of {@code symbol} in {@code GET /api/v1/tracking}, or null when it is not listed. */
    JsonNode trackedEntry(String symbol) {
        for (JsonNode s : get("/api/v1/tracking").get("symbols")) {
            if (s.get("symbol").asString().equals(symbol)) {
                return s;
            }
        }
        return null;
    }

    /** Whether every listed timeframe of a {@link #trackedEntry} has job status COMPLETE. */
    static boolean allComplete(JsonNode entry, int expectedTimeframes) {
        if (entry == null || entry.get("timeframes").size() != expectedTimeframes) {
            return false;
        }
        for (JsonNode tf : entry.get("timeframes")) {
            JsonNode status = tf.get("job_status");
            if (status == null || !"COMPLETE".equals(status.asString())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        context.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dataDir + ": " + e);
        }
    }
}
