package io.candlekeep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.store.sqlite.SqliteDataSources;
import io.candlekeep.app.store.sqlite.SqliteStoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * A fresh, migrated database opened with pools like the app's: a SQLite file in a temporary folder
 * ({@link #BenchDatabase()}), or a new database on a PostgreSQL server ({@link #postgres(String)}). Deleted or
 * dropped on close.
 */
final class BenchDatabase implements AutoCloseable {

    /** The server {@link #postgres(String)} uses unless {@code bench.pg} names another: the local one, trust auth. */
    static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    final HikariDataSource writer;
    final HikariDataSource reader;
    private final Path folder;
    private final String adminUrl;
    private final String name;

    /** A new SQLite file. */
    BenchDatabase() {
        try {
            folder = Files.createTempDirectory("candlekeep-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = folder.resolve("candlekeep.db");
        writer = SqliteDataSources.writer(file, SqliteStoreProperties.defaults());
        reader = SqliteDataSources.reader(file, SqliteStoreProperties.defaults());
        Flyway.configure().dataSource(writer).locations("classpath:db/migration/sqlite").load().migrate();
        adminUrl = null;
        name = null;
    }

    private BenchDatabase(String adminUrl, String name, HikariDataSource pool) {
        this.folder = null;
        this.adminUrl = adminUrl;
        this.name = name;
        this.writer = pool;
        this.reader = pool;
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql").load().migrate();
    }

    /**
     * A new database on the PostgreSQL server that {@code adminUrl} connects to (as a user who may create
     * databases), migrated as the app migrates it; one pool serves writes and reads, as in the app.
     */
    static BenchDatabase postgres(String adminUrl) {
        String name = createPostgres(adminUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-pg");
        config.setJdbcUrl(urlOf(adminUrl, name));
        config.setMaximumPoolSize(8);
        return new BenchDatabase(adminUrl, name, new HikariDataSource(config));
    }

    /** Creates a new, empty database on the server {@code adminUrl} connects to and answers its name. */
    static String createPostgres(String adminUrl) {
        String name = "candlekeep_bench_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a database on " + adminUrl + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Drops a database {@link #createPostgres} made, whoever is still connected to it. */
    static void dropPostgres(String adminUrl, String name) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop the database " + name + ": " + e.getMessage());
        }
    }

    /** {@code adminUrl} with its database replaced by {@code database}, parameters kept. */
    static String urlOf(String adminUrl, String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    /** The JDBC URL of this database: a {@code jdbc:sqlite:} file or the PostgreSQL database. */
    String url() {
        return folder != null ? "jdbc:sqlite:" + folder.resolve("candlekeep.db") : urlOf(adminUrl, name);
    }

    @Override
    public void close() {
        if (reader != writer) {
            reader.close();
        }
        writer.close();
        if (folder == null) {
            dropPostgres(adminUrl, name);
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
