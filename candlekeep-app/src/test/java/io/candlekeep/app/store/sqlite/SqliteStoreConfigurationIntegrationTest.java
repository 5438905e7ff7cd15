package io.candlekeep.app.store.sqlite;

import static io.candlekeep.app.testing.TestBars.bars;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.bars.BarsConfiguration;
import io.candlekeep.app.bars.CachingBarStore;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The SQLite store's Spring wiring: pools, the caching store, migrations from the vendor's folder. */
@Tag(TestStores.OWN_STORE)
final class SqliteStoreConfigurationIntegrationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withUserConfiguration(SqliteStoreConfiguration.class, BarsConfiguration.class)
                .withPropertyValues("candlekeep.data-dir=" + dir.resolve("data"),
                        "spring.flyway.locations=classpath:db/migration/{vendor}");
    }

    @Test
    void context_defaults_wiresWriterReaderAndCachingStoreAndMigrates() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            HikariDataSource writer = context.getBean(SqliteDataSource.class).writer();
            assertThat(context.getBean(DataSource.class)).isInstanceOf(SqliteDataSource.class);
            assertThat(writer.getMaximumPoolSize()).isEqualTo(1);
            assertThat(writer.getPoolName()).isEqualTo("candlekeep-sqlite-writer");
            HikariDataSource reader = context.getBean("readDataSource", HikariDataSource.class);
            assertThat(reader.getMaximumPoolSize()).isEqualTo(4);
            assertThat(writer.getConnectionTimeout()).isEqualTo(10_000);
            assertThat(reader.getConnectionTimeout()).isEqualTo(10_000);
            assertThat(context.getBean(BarStore.class)).isInstanceOf(CachingBarStore.class);
            assertThat(dir.resolve("data/candlekeep.db")).exists();
            // {vendor} resolved to "sqlite", so V1 ran through Spring Boot's Flyway.
            var migrations = context.getBean(Flyway.class).info();
            assertThat(migrations.pending()).as("pending migrations").isEmpty();
            assertThat(migrations.applied()).extracting(m -> m.getVersion().getVersion()).contains("1");

            BarStore store = context.getBean(BarStore.class);
            SeriesId id = SeriesId.of("AAPL", Timeframe.D1);
            store.upsert(id, bars(Timeframe.D1, Instant.parse("2026-01-05T00:00:00Z"), 5));
            assertThat(store.read(id, Instant.MIN, Instant.MAX, 100).size()).isEqualTo(5);
        });
    }

    @Test
    void context_configuredPoolAndTimeout_areApplied() {
        runner().withPropertyValues("candlekeep.store.sqlite.reader-pool-size=2",
                "candlekeep.store.sqlite.busy-timeout=250ms", "candlekeep.store.sqlite.connection-timeout=2s")
                .run(context -> {
            HikariDataSource reader = context.getBean("readDataSource", HikariDataSource.class);
            assertThat(reader.getMaximumPoolSize()).isEqualTo(2);
            assertThat(reader.getConnectionTimeout()).isEqualTo(2_000);
            assertThat(context.getBean(SqliteDataSource.class).writer().getConnectionTimeout()).isEqualTo(2_000);
            try (Connection c = context.getBean(DataSource.class).getConnection();
                    var s = c.createStatement(); var rs = s.executeQuery("PRAGMA busy_timeout")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(250);
            }
        });
    }

    @Test
    void vendorPlaceholder_sqliteUrl_isSqlite() {
        assertThat(DatabaseDriver.fromJdbcUrl(SqliteDataSources.jdbcUrl(dir.resolve("x.db"))).getId())
                .isEqualTo("sqlite");
    }
}
