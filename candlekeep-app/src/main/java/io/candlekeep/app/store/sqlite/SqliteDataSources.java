package io.candlekeep.app.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.candlekeep.app.store.DatabaseUnavailable;
import io.candlekeep.app.store.PrivateFiles;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connection pools for one SQLite file. SQLite allows one writer at a time, so the app has exactly one
 * writer connection and every write (bars, tracking, the job engine) queues for it in the pool instead of
 * failing with {@code SQLITE_BUSY}, for at most {@code connection-timeout}. Readers see a consistent snapshot in WAL
 * mode and never block the writer nor wait for it ({@link SqliteDataSource} gives them read-only transactions).
 */
public final class SqliteDataSources {

    private SqliteDataSources() {
    }

    /** The single-connection write pool. Its transactions start with {@code BEGIN IMMEDIATE}. */
    public static HikariDataSource writer(Path dbFile, SqliteStoreProperties properties) {
        SQLiteConfig config = baseConfig(properties);
        // Take the write lock when the transaction starts, not at its first write: a deferred transaction that
        // read first and must upgrade gets SQLITE_BUSY at once instead of waiting for the busy timeout.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariConfig pool = poolConfig(dbFile, config, "candlekeep-sqlite-writer", 1, properties);
        return new HikariDataSource(pool);
    }

    /** A pool of {@code readerPoolSize} connections that refuse to write ({@code PRAGMA query_only}). */
    public static HikariDataSource reader(Path dbFile, SqliteStoreProperties properties) {
        HikariConfig pool = poolConfig(dbFile, baseConfig(properties), "candlekeep-sqlite-reader",
                properties.readerPoolSize(), properties);
        pool.setConnectionInitSql("PRAGMA query_only = ON");
        return new HikariDataSource(pool);
    }

    /** {@code jdbc:sqlite:} URL of the file, absolute so that it does not depend on the working folder later. */
    public static String jdbcUrl(Path dbFile) {
        return "jdbc:sqlite:" + dbFile.toAbsolutePath().normalize();
    }

    private static SQLiteConfig baseConfig(SqliteStoreProperties properties) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode loses at most the last transactions on power loss, never corrupts the file.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) properties.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        config.setCacheSize(-properties.cacheSizeKib());
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return config;
    }

    private static HikariConfig poolConfig(Path dbFile, SQLiteConfig sqlite, String name, int size,
            SqliteStoreProperties properties) {
        // 0600 in a 0700 folder before SQLite opens it: SQLite gives its -wal and -shm files the same mode
        PrivateFiles.file(dbFile);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(jdbcUrl(dbFile));
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(name);
        pool.setDataSource(dataSource);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(size);
        // Connections to a local file never go stale; recycling them only throws away the page cache.
        pool.setMaxLifetime(0);
        pool.setIdleTimeout(0);
        pool.setConnectionTimeout(properties.connectionTimeout().toMillis());
        pool.setExceptionOverride(new EvictWhenBusy());
        return pool;
    }

    /**
     * A connection that met {@code SQLITE_BUSY} or {@code SQLITE_LOCKED} (another program held the file's lock for
     * longer than the busy timeout) leaves the pool for a new one. sqlite-jdbc marks a connection as in a transaction
     * before its {@code BEGIN IMMEDIATE} runs, and leaves the mark when that fails (xerial/sqlite-jdbc#683): the next
     * transaction on it would skip its {@code BEGIN}, write statement by statement and fail at the commit.
     */
    private static final class EvictWhenBusy implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return DatabaseUnavailable.isLockTimeout(e) ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }
}
