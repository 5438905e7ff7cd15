package io.candlekeep.app.testing;

import io.candlekeep.app.CandlekeepApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new, empty PostgreSQL database for one test class, dropped at close. The server is {@code 127.0.0.1:5432} with
 * user {@code postgres} unless {@code CANDLEKEEP_TEST_PG_HOST} / {@code CANDLEKEEP_TEST_PG_USER} say otherwise. When
 * it does not answer, the tests are skipped (a JUnit assumption) with a message that says so: a test class starts
 * its {@code @BeforeAll} with {@code if (unreachable().isPresent()) return;} and calls {@link #assumeReachable()}
 * before each test, so that every test is reported as skipped with the reason.
 */
public final class FreshPostgresDatabase implements AutoCloseable {

    public static final String HOST = env("CANDLEKEEP_TEST_PG_HOST", "127.0.0.1:5432");
    public static final String USER = env("CANDLEKEEP_TEST_PG_USER", "postgres");

    private static Optional<String> unreachable;

    private final String name;

    private FreshPostgresDatabase(String name) {
        this.name = name;
    }

    /** Why PostgreSQL cannot be used for tests, or empty when it answers. Asked once per JVM. */
    public static synchronized Optional<String> unreachable() {
        if (unreachable == null) {
            try (Connection c = connect("postgres")) {
                unreachable = Optional.empty();
            } catch (SQLException e) {
                unreachable = Optional.of("PostgreSQL is not reachable at " + HOST + " as '" + USER + "' ("
                        + e.getMessage() + "): skipped; set CANDLEKEEP_TEST_PG_HOST / CANDLEKEEP_TEST_PG_USER to run it");
            }
        }
        return unreachable;
    }

    /** Skips the calling test, saying why, when PostgreSQL does not answer. */
    public static void assumeReachable() {
        unreachable().ifPresent(Assumptions::abort);
    }

    /** Creates {@code <prefix>_<random>}; skips the calling test when PostgreSQL is unreachable. */
    public static FreshPostgresDatabase create(String prefix) {
        assumeReachable();
        String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new FreshPostgresDatabase(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://" + HOST + "/" + name;
    }

    /** A new connection to this database as {@link #USER}. */
    public Connection connect() throws SQLException {
        return connect(name);
    }

    /** The command-line arguments that run the application on this database. */
    public String[] applicationArgs() {
        return new String[] {"--candlekeep.db.url=" + url(), "--candlekeep.db.username=" + USER};
    }

    /**
     * Starts the application on this database, on a free port with the simulated provider and its data folder in
     * {@code dataDir}; {@code args} add to or override those.
     */
    public ConfigurableApplicationContext startApplication(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(applicationArgs()));
        all.addAll(List.of("--server.port=0", "--candlekeep.data-dir=" + dataDir, "--candlekeep.provider=simulated"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(CandlekeepApplication.class).run(all.toArray(String[]::new));
    }

    /** Runs {@code sql} with the {@code psql} binary, as another program on this database would; fails on any error. */
    public void psql(String sql) {
        String[] hostPort = HOST.split(":");
        ProcessBuilder pb = new ProcessBuilder("psql", "-h", hostPort[0], "-p", hostPort.length > 1 ? hostPort[1] : "5432",
                "-U", USER, "-d", name, "-v", "ON_ERROR_STOP=1", "-c", sql)
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("psql failed on " + name + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run psql: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while psql ran", e);
        }
    }

    /**
     * Takes the database away from every client, as a server going down would: new connections are refused
     * ({@code ALLOW_CONNECTIONS false}) and the open ones are cut. {@link #allowConnections()} brings it back.
     */
    public void refuseConnections() {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take " + name + " away", e);
        }
    }

    /** Accepts connections to the database again after {@link #refuseConnections()}. */
    public void allowConnections() {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bring " + name + " back", e);
        }
    }

    @Override
    public void close() {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name, e);
        }
    }

    private static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + "/" + database, props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
