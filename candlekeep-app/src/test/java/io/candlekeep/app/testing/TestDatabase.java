package io.candlekeep.app.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.store.postgres.PostgresBarStore;
import io.candlekeep.app.store.sqlite.SqliteBarStore;
import io.candlekeep.app.store.sqlite.SqliteDataSources;
import io.candlekeep.app.store.sqlite.SqliteStoreConfiguration;
import io.candlekeep.app.store.sqlite.SqliteStoreProperties;
import io.candlekeep.core.store.BarStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A migrated database of either store with pools as the application makes them, for tests below the application
 * that run on both stores ({@code @ParameterizedClass @EnumSource(TestDatabase.Kind.class)}, tagged
 * {@link TestStores#OWN_STORE}): a new SQLite file in the test's folder, or a PostgreSQL schema holding exactly what
 * the migrations leave, given back on {@link #close()} (a test keeps it in an {@code @AutoClose} field) for the next
 * test to empty and reuse. A PostgreSQL case is
 * skipped, with the reason, when the server is unreachable.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { SQLITE, POSTGRES }

    private final Kind kind;
    /** The PostgreSQL schema, or null. */
    private final String schema;
    private final HikariDataSource writer;
    private final HikariDataSource reader;

    private TestDatabase(Kind kind, String schema, HikariDataSource writer, HikariDataSource reader) {
        this.kind = kind;
        this.schema = schema;
        this.writer = writer;
        this.reader = reader;
    }

    /** A new database of {@code kind}; a SQLite file goes into {@code folder}, which need not exist yet. */
    public static TestDatabase create(Kind kind, Path folder) {
        return switch (kind) {
            case SQLITE -> {
                Path file = folder.resolve(SqliteStoreConfiguration.DB_FILE_NAME);
                try {
                    Files.createDirectories(folder);
                    Files.copy(SqliteTemplate.FILE, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                SqliteStoreProperties properties = SqliteStoreProperties.defaults();
                yield new TestDatabase(kind, null, SqliteDataSources.writer(file, properties),
                        SqliteDataSources.reader(file, properties));
            }
            case POSTGRES -> {
                String schema = TestPostgres.takeSchema();
                HikariConfig config = new HikariConfig();
                config.setPoolName("test-pg-" + schema);
                config.setDataSource(TestPostgres.dataSource(TestPostgres.schemaUrl(schema)));
                config.setMaximumPoolSize(6);
                config.setMinimumIdle(1);
                HikariDataSource pool = new HikariDataSource(config);
                yield new TestDatabase(kind, schema, pool, pool);
            }
        };
    }

    /** A SQLite file the migrations made, once per JVM: a copy of it is made in a fraction of a migration's time. */
    private static final class SqliteTemplate {
        static final Path FILE = migrated();

        private static Path migrated() {
            try {
                Path folder = Files.createTempDirectory("candlekeep-test-sqlite");
                folder.toFile().deleteOnExit();
                Path file = folder.resolve(SqliteStoreConfiguration.DB_FILE_NAME);
                // closing the last connection folds the write-ahead log into the file
                try (HikariDataSource writer = SqliteDataSources.writer(file, SqliteStoreProperties.defaults())) {
                    Flyway.configure().dataSource(writer).locations("classpath:db/migration/sqlite").load().migrate();
                }
                file.toFile().deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Where writes go; on SQLite the single writer connection. */
    public HikariDataSource writer() {
        return writer;
    }

    /** Where bar reads go; on SQLite a pool of read-only connections, on PostgreSQL the writer's pool. */
    public HikariDataSource reader() {
        return reader;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(writer);
    }

    /** The raw store of this kind, as the application makes it. */
    public BarStore barStore() {
        return switch (kind) {
            case SQLITE -> new SqliteBarStore(writer, reader);
            case POSTGRES -> new PostgresBarStore(writer, reader);
        };
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
        if (schema != null) {
            TestPostgres.giveBack(schema);
        }
    }
}
