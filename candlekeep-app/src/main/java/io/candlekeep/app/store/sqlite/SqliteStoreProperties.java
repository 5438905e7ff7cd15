package io.candlekeep.app.store.sqlite;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the SQLite store ({@code candlekeep.store.sqlite.*}). The file itself is
 * {@code {candlekeep.data-dir}/candlekeep.db}.
 *
 * @param busyTimeout how long a connection waits for a lock held by another connection or process
 * @param readerPoolSize read-only connections; WAL readers never block the writer nor each other
 * @param cacheSizeKib SQLite page cache per connection, in KiB
 * @param connectionTimeout how long a request or job waits for a connection of either pool: writes queue for the
 *     single writer this long at most, then fail (a request answers 503 with {@code Retry-After}); longer than any
 *     wait in that queue under load, short enough that an overloaded service answers instead of hanging
 */
@ConfigurationProperties(prefix = "candlekeep.store.sqlite")
public record SqliteStoreProperties(
        @DefaultValue("5s") Duration busyTimeout,
        @DefaultValue("4") int readerPoolSize,
        @DefaultValue("16384") int cacheSizeKib,
        @DefaultValue("10s") Duration connectionTimeout) {

    public SqliteStoreProperties {
        if (busyTimeout == null || busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("candlekeep.store.sqlite.busy-timeout must be between 0 and "
                    + Integer.MAX_VALUE + " ms, got " + busyTimeout);
        }
        if (readerPoolSize < 1) {
            throw new IllegalArgumentException(
                    "candlekeep.store.sqlite.reader-pool-size must be >= 1, got " + readerPoolSize);
        }
        if (cacheSizeKib < 0) {
            throw new IllegalArgumentException(
                    "candlekeep.store.sqlite.cache-size-kib must be >= 0, got " + cacheSizeKib);
        }
        // Hikari's own floor is 250 ms
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250
                || connectionTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("candlekeep.store.sqlite.connection-timeout must be in [250ms, 5m], got "
                    + connectionTimeout);
        }
    }

    /** The defaults, for code that builds a store without Spring (tests, benchmarks). */
    public static SqliteStoreProperties defaults() {
        return new SqliteStoreProperties(Duration.ofSeconds(5), 4, 16384, Duration.ofSeconds(10));
    }
}
