package io.candlekeep.app.store.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.store.StoreSelection;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The SQLite store, the default (see {@link StoreSelection}). The primary {@link DataSource} is
 * {@link SqliteDataSource}: Flyway, the job engine and every other writer queue for its single writer connection,
 * read-only transactions take a reader; bar reads go to {@code readDataSource}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(StoreSelection.Sqlite.class)
@EnableConfigurationProperties(SqliteStoreProperties.class)
public class SqliteStoreConfiguration {

    /** The database file inside the data folder. */
    public static final String DB_FILE_NAME = "candlekeep.db";

    @Bean(destroyMethod = "close")
    @Primary
    SqliteDataSource dataSource(@Value("${candlekeep.data-dir:./data}") Path dataDir,
            SqliteStoreProperties properties) {
        return SqliteDataSource.open(dataDir.resolve(DB_FILE_NAME), properties);
    }

    /** The read pool of {@link SqliteDataSource}, which closes it. */
    @Bean(destroyMethod = "", defaultCandidate = false)
    @Qualifier("readDataSource")
    HikariDataSource readDataSource(SqliteDataSource dataSource) {
        return dataSource.reader();
    }

    /**
     * The raw store; not injected as a plain {@code BarStore} (that is the caching decorator), only where it is
     * asked for by name.
     */
    @Bean(defaultCandidate = false)
    SqliteBarStore databaseBarStore(SqliteDataSource dataSource) {
        return new SqliteBarStore(dataSource.writer(), dataSource.reader());
    }
}
