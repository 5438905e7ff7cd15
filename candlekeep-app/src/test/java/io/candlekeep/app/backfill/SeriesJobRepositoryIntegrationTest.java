package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.FreshPostgresDatabase;
import io.candlekeep.app.testing.SqliteTestDatabase;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Plans of a series on both stores, where several instances on one PostgreSQL may plan the same series at once. */
final class SeriesJobRepositoryIntegrationTest {

    private static final SeriesId SERIES = SeriesId.of(Symbol.of("AAPL"), Timeframe.H1);
    private static final Instant NOW = Instant.parse("2026-03-02T15:30:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void startPlan_jobPlannedMeanwhileByAnotherInstance_leavesThatPlan(String store) {
        try (Store db = Store.open(store, dir)) {
            SeriesJobRepository jobs = new SeriesJobRepository(db.jdbc());

            OptionalLong first = plan(jobs, 0);
            OptionalLong sawNoJobEither = plan(jobs, 0);
            OptionalLong replan = plan(jobs, 1);
            OptionalLong sawTheFirstPlan = plan(jobs, 1);

            assertThat(first).hasValue(1);
            assertThat(sawNoJobEither).isEmpty();
            assertThat(replan).hasValue(2);
            assertThat(sawTheFirstPlan).isEmpty();
            assertThat(jobs.find(SERIES)).get().extracting(SeriesJob::jobSeq).isEqualTo(2L);
        }
    }

    private static OptionalLong plan(SeriesJobRepository jobs, long replacedSeq) {
        return jobs.startPlan(SERIES, replacedSeq, "simulated", NOW.minusSeconds(86_400), Optional.empty(), 3, Set.of(),
                NOW);
    }

    /** A migrated database of either vendor. */
    private record Store(JdbcClient jdbc, AutoCloseable resource) implements AutoCloseable {

        static Store open(String vendor, Path dir) {
            if (vendor.equals("sqlite")) {
                SqliteTestDatabase db = SqliteTestDatabase.create(dir);
                return new Store(JdbcClient.create(db.writer()), db);
            }
            FreshPostgresDatabase db = FreshPostgresDatabase.create("ck_jobs");
            Flyway.configure().dataSource(db.url(), FreshPostgresDatabase.USER, null)
                    .locations("classpath:db/migration/postgresql").load().migrate();
            SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), db.url(),
                    FreshPostgresDatabase.USER, "");
            return new Store(JdbcClient.create(ds), db);
        }

        @Override
        public void close() {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not close the test database", e);
            }
        }
    }
}
