package io.candlekeep.app.store.postgres;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL connection. Each value falls back to its {@code spring.datasource.*} twin.
 *
 * @param url       {@code jdbc:postgresql://host:5432/db} ({@code CANDLEKEEP_DB_URL})
 * @param username  ({@code CANDLEKEEP_DB_USERNAME})
 * @param password  ({@code CANDLEKEEP_DB_PASSWORD})
 * @param poolSize  connections per instance (10)
 * @param readUrl   a read replica for bar reads; unset reads from the primary
 */
@ConfigurationProperties(prefix = "candlekeep.db")
public record PostgresStoreProperties(String url, String username, String password, Integer poolSize, String readUrl) {

    public PostgresStoreProperties {
        poolSize = poolSize == null ? 10 : poolSize;
        if (poolSize < 2 || poolSize > 200) {
            throw new IllegalArgumentException("candlekeep.db.pool-size must be in [2, 200], was " + poolSize);
        }
    }
}
