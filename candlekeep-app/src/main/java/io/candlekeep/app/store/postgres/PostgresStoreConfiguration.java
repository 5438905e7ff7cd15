package io.candlekeep.app.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.store.NotificationListener;
import io.candlekeep.app.store.StoreSelection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL store ({@link StoreSelection}): one pool for writes and reads, or a replica for bar reads, and the
 * notifications between the instances on the database.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(StoreSelection.Postgres.class)
@EnableConfigurationProperties(PostgresStoreProperties.class)
public class PostgresStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PostgresStoreConfiguration.class);

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(PostgresStoreProperties properties, Environment env) {
        String url = StoreSelection.url(env);
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("PostgreSQL is selected but the database URL is '" + url
                    + "': set CANDLEKEEP_DB_URL=jdbc:postgresql://host:5432/database");
        }
        HikariDataSource ds = pool("candlekeep-pg", url, properties, env, properties.poolSize());
        log.info("[STORE] PostgreSQL at {}", redact(url));
        return ds;
    }

    /**
     * A pool on the read replica, only when one is configured: without one, bar reads use the primary's pool, and no
     * second bean names it (health would check the same pool twice, and wait twice as long while the database is
     * away).
     */
    @Bean(destroyMethod = "close")
    @Qualifier("readDataSource")
    @ConditionalOnExpression("'${candlekeep.db.read-url:}' != ''")
    HikariDataSource readDataSource(PostgresStoreProperties properties, Environment env) {
        log.info("[STORE] bar reads from the replica at {}", redact(properties.readUrl()));
        return pool("candlekeep-pg-read", properties.readUrl(), properties, env, properties.poolSize());
    }

    /** The raw store; the app injects the caching decorator around it (bars.BarsConfiguration). */
    @Bean(defaultCandidate = false)
    PostgresBarStore databaseBarStore(DataSource dataSource,
            @Qualifier("readDataSource") ObjectProvider<DataSource> readDataSource) {
        return new PostgresBarStore(dataSource, readDataSource.getIfAvailable(() -> dataSource));
    }

    /** LISTEN/NOTIFY; the listening connection has the pool's URL and credentials but is no part of the pool. */
    @Bean
    PgNotifications pgNotifications(HikariDataSource dataSource, JdbcClient jdbc,
            ObjectProvider<NotificationListener> listeners) {
        return new PgNotifications(() -> listenConnection(dataSource), jdbc, () -> listeners.orderedStream().toList());
    }

    private static Connection listenConnection(HikariDataSource pool) throws SQLException {
        Properties props = new Properties();
        if (pool.getUsername() != null) {
            props.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            props.setProperty("password", pool.getPassword());
        }
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "candlekeep-listen");
        return DriverManager.getConnection(pool.getJdbcUrl(), props);
    }

    private static HikariDataSource pool(String name, String url, PostgresStoreProperties properties, Environment env,
            int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(first(properties.username(), env.getProperty("spring.datasource.username")));
        config.setPassword(first(properties.password(), env.getProperty("spring.datasource.password")));
        config.setMaximumPoolSize(size);
        // a restarted server is ridden out: the pool waits for it instead of failing the start or the request
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        config.setValidationTimeout(3_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(config);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
