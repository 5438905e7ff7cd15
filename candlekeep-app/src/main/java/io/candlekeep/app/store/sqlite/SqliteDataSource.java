package io.candlekeep.app.store.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The application's {@code DataSource} on SQLite: the single writer connection, except for read-only transactions,
 * which get a reader. A reader in WAL mode sees the last commit and never waits for the writer, so a read does not
 * queue behind writes, nor hang while a long write (or another program's lock) keeps the writer busy. The connection
 * is taken at the first statement, once the transaction has said whether it is read-only.
 */
public final class SqliteDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

    private final HikariDataSource writer;
    private final HikariDataSource reader;

    private SqliteDataSource(HikariDataSource writer, HikariDataSource reader) {
        super(writer);
        setReadOnlyDataSource(reader);
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens both pools of {@code dbFile}: the writer first, so that a new file is in WAL mode before a reader connects. */
    public static SqliteDataSource open(Path dbFile, SqliteStoreProperties properties) {
        HikariDataSource writer = SqliteDataSources.writer(dbFile, properties);
        try {
            return new SqliteDataSource(writer, SqliteDataSources.reader(dbFile, properties));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** The single-connection write pool, for code that writes outside Spring's transactions (the bar store). */
    public HikariDataSource writer() {
        return writer;
    }

    /** The read-only pool. */
    public HikariDataSource reader() {
        return reader;
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
    }
}
