package io.candlekeep.app.store.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import io.candlekeep.app.store.StoreSelection;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The SQLite store, the default (see {@link StoreSelection}). The primary
 * {@link DataSource} is the single writer connection, so Flyway, the job engine and every other writer queue
 * for it; bar reads go to {@code readDataSource}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(StoreSelection.Sqlite.class)
@EnableConfigurationProperties(SqliteStoreProperties.class)
public class SqliteStoreConfiguration {

    /** The database file inside the data folder. */
    public static final String DB_FILE_NAME = "candlekeep.db";

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(@Value("${candlekeep.data-dir:./data}") Path dataDir,
            SqliteStoreProperties properties) {
        return SqliteDataSources.writer(dataDir.resolve(DB_FILE_NAME), properties);
    }

    // Takes the writer so that it opens first and has switched a new file to WAL before any reader connects.
    @Bean(destroyMethod = "close", defaultCandidate = false)
    @Qualifier("readDataSource")
    HikariDataSource readDataSource(@Value("${candlekeep.data-dir:./data}") Path dataDir,
            SqliteStoreProperties properties, DataSource dataSource) {
        return SqliteDataSources.reader(dataDir.resolve(DB_FILE_NAME), properties);
    }

    /**
     * The raw store; not injected as a plain {@code BarStore} (that is the caching decorator), only where it is
     * asked for by name.
     */
    @Bean(defaultCandidate = false)
    SqliteBarStore databaseBarStore(DataSource dataSource, @Qualifier("readDataSource") DataSource readDataSource) {
        return new SqliteBarStore(dataSource, readDataSource);
    }
}
