package io.candlekeep.app.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.store.sqlite.SqliteDataSources;
import io.candlekeep.app.store.sqlite.SqliteStoreProperties;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** A migrated SQLite file with the app's writer and reader pools, for integration tests. */
public final class SqliteTestDatabase implements AutoCloseable {

    public static final String MIGRATIONS = "classpath:db/migration/sqlite";

    private final Path file;
    private final HikariDataSource writer;
    private final HikariDataSource reader;

    private SqliteTestDatabase(Path file) {
        this.file = file;
        SqliteStoreProperties properties = SqliteStoreProperties.defaults();
        this.writer = SqliteDataSources.writer(file, properties);
        this.reader = SqliteDataSources.reader(file, properties);
        Flyway.configure().dataSource(writer).locations(MIGRATIONS).load().migrate();
    }

    /** Creates {@code candlekeep.db} under {@code folder}, which need not exist yet. */
    public static SqliteTestDatabase create(Path folder) {
        return new SqliteTestDatabase(folder.resolve("candlekeep.db"));
    }

    public Path file() {
        return file;
    }

    public HikariDataSource writer() {
        return writer;
    }

    public HikariDataSource reader() {
        return reader;
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
    }
}
