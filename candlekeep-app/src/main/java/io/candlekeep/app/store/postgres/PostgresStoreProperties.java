package io.candlekeep.app.store.postgres;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL connection. Each value falls back to its {@code spring.datasource.*} twin.
 *
 * @param url       {@code jdbc:postgresql://host:5432/db} ({@code CANDLEKEEP_DB_URL})
 * @param username  ({@code CANDLEKEEP_DB_USERNAME})
 * @param password  ({@code CANDLEKEEP_DB_PASSWORD})
 * @param poolSize  connections per instance (10)
 * @param readUrl   a read replica for bar reads; unset reads from the primary
 * @param connectionTimeout how long a request or job waits for a connection before it fails (5 s): while the
 *                  database is down, health answers DOWN after this long instead of hanging, and requests that need
 *                  the database fail with 503; the work is retried, and the pool reconnects by itself
 */
@ConfigurationProperties(prefix = "candlekeep.db")
public record PostgresStoreProperties(String url, String username, String password, Integer poolSize, String readUrl,
        Duration connectionTimeout) {

    public PostgresStoreProperties {
        poolSize = poolSize == null ? 10 : poolSize;
        if (poolSize < 2 || poolSize > 200) {
            throw new IllegalArgumentException("candlekeep.db.pool-size must be in [2, 200], was " + poolSize);
        }
        connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
        // Hikari's own floor is 250 ms
        if (connectionTimeout.toMillis() < 250 || connectionTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("candlekeep.db.connection-timeout must be in [250ms, 5m], was "
                    + connectionTimeout);
        }
    }
}
