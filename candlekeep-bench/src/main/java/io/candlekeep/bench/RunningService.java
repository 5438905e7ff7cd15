package io.candlekeep.bench;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.store.sqlite.SqliteStoreConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Candlekeep started in this JVM on a fresh temporary data folder (or a fresh PostgreSQL database), a free loopback
 * port and the simulated provider, with logging turned down so that it does not disturb the figures. Closing it stops
 * the service and deletes the folder (and drops the database).
 */
final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;
    private final ServiceClient admin;
    private final String pgAdminUrl;
    private final String pgDatabase;

    private RunningService(ConfigurableApplicationContext context, Path dataDir, int port, String pgAdminUrl,
            String pgDatabase) {
        this.context = context;
        this.dataDir = dataDir;
        this.port = port;
        this.admin = new ServiceClient(port, AUTHORIZATION);
        this.pgAdminUrl = pgAdminUrl;
        this.pgDatabase = pgDatabase;
    }

    /** Starts the service on SQLite; {@code overrides} are added to (and win over) the benchmark defaults. */
    static RunningService start(Map<String, Object> overrides) {
        return start(overrides, null, null);
    }

    /**
     * Starts the service on a new database of the PostgreSQL server {@code adminUrl} connects to (see
     * {@link BenchDatabase#postgres}); the database is dropped on {@link #close()}.
     */
    static RunningService startOnPostgres(String adminUrl, Map<String, Object> overrides) {
        String database = BenchDatabase.createPostgres(adminUrl);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("candlekeep.db.url", BenchDatabase.urlOf(adminUrl, database));
        props.putAll(overrides);
        try {
            return start(props, adminUrl, database);
        } catch (RuntimeException e) {
            BenchDatabase.dropPostgres(adminUrl, database);
            throw e;
        }
    }

    private static RunningService start(Map<String, Object> overrides, String pgAdminUrl, String pgDatabase) {
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
        return new RunningService(context, dataDir, port, pgAdminUrl, pgDatabase);
    }

    int port() {
        return port;
    }

    Path dbFile() {
        return dataDir.resolve(SqliteStoreConfiguration.DB_FILE_NAME);
    }

    /** The JDBC URL of the service's database: its SQLite file, or the PostgreSQL database. */
    String dbUrl() {
        return pgDatabase != null ? BenchDatabase.urlOf(pgAdminUrl, pgDatabase) : "jdbc:sqlite:" + dbFile().toAbsolutePath();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** The admin token every benchmark service is started with and every benchmark request sends. */
    static final String TOKEN = "ck_bench_admin_token_0123456789abcdef";
    static final String AUTHORIZATION = "Bearer " + TOKEN;

    URI uri(String pathAndQuery) {
        return admin.uri(pathAndQuery);
    }

    /** A POST with a JSON body, as the admin; throws unless the answer is 2xx. */
    JsonNode post(String path, String jsonBody) {
        return admin.post(path, jsonBody);
    }

    /** A GET as the admin; throws unless the answer is 2xx. */
    JsonNode get(String pathAndQuery) {
        return admin.get(pathAndQuery);
    }

    /** The raw body of a GET as the admin; throws unless the answer is 200. */
    byte[] getBytes(String pathAndQuery) {
        return admin.getBytes(pathAndQuery);
    }

    /** The entry of {@code symbol} in the admin's {@code GET /api/v1/tracking}, or null when it is not listed. */
    JsonNode trackedEntry(String symbol) {
        return admin.trackedEntry(symbol);
    }

    /** Requests on behalf of the user that {@code token} belongs to. */
    ServiceClient as(String token) {
        return new ServiceClient(port, "Bearer " + token);
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
        if (pgDatabase != null) {
            BenchDatabase.dropPostgres(pgAdminUrl, pgDatabase);
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dataDir + ": " + e);
        }
    }
}
