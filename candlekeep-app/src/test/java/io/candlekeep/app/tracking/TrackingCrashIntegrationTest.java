package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A tracking request's plan cut short, as by a SIGKILL of the process (scripts/crash-test.sh found both cases): a
 * trigger aborts the plan at the chosen statement, which leaves the database as a process that died there would.
 * The request itself has answered by then: its interest and the plan's queued execution committed together, and
 * the plan runs after its retry backoff or after a restart.
 */
final class TrackingCrashIntegrationTest extends SimulatedAppTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // 90 days of 1h in 7-day slices: a dozen or more slices, so a request can die between two of them
        registry.add("candlekeep.providers.simulated.max-range.[1h]", () -> "7d");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingService tracking;

    @Test
    void plan_diesWhileQueueingSlices_leavesNoHalfQueuedJob_andItsRetryCompletes() {
        try (Trigger dies = dieOnInsert("scheduled_tasks", """
                NEW.task_instance LIKE 'TSLA:1h@%'
                AND (SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE 'TSLA:1h@%') >= 3""")) {
            ApiClient.Response answered = api.post("/api/v1/tracking", """
                    {"symbols":["TSLA"],"timeframes":["1h"]}""");
            assertThat(answered.status()).as("the interest is recorded; the plan comes after").isEqualTo(200);
            assertThat(answered.json().get("planning").asString()).isEqualTo("queued");
            awaitPlanFailed();

            assertThat(count("SELECT COUNT(*) FROM series_job WHERE symbol = 'TSLA'"))
                    .as("a job whose slices were not all queued would stay QUEUED forever").isZero();
            assertThat(count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE 'TSLA:1h@%'")).isZero();
        }

        // the plan is retried on its own: no second request
        Backfills.awaitComplete(api, "TSLA", 1);
        assertThat(count("SELECT slices_total FROM series_job WHERE symbol = 'TSLA'"))
                .as("more slices than the cut plan got to queue").isGreaterThan(3);
        assertBarsAsExpected(api, "TSLA");
        Eventually.await(Duration.ofSeconds(10), "the plan's execution done", () -> plansQueued(jdbc) == 0);
    }

    @Test
    void track_processDiesAfterTheAnswerBeforeThePlan_thePlanRunsAfterTheRestart() {
        Path crashed = dataDir.resolve("crashed");
        try (Trigger dies = dieOnInsert("series_job", "NEW.symbol = 'AMZN'")) {
            assertThat(api.post("/api/v1/tracking", """
                    {"symbols":["AMZN"],"timeframes":["1h","4h","1d"]}""").status()).isEqualTo(200);
            awaitPlanFailed();
            // what a kill leaves on disk at this moment: the interest and its plan queued, no job
            TestStores.snapshot(dataDir, crashed);
        }
        JdbcClient copy = TestStores.jdbc(crashed);
        if (!TestStores.onPostgres()) {
            // a SQLite copy holds the file's triggers too (a PostgreSQL copy holds the rows only)
            copy.sql("DROP TRIGGER die_here").update();
        }
        assertThat(copy.sql("SELECT COUNT(*) FROM tracked_series WHERE symbol = 'AMZN'").query(Long.class).single())
                .isEqualTo(3);
        assertThat(copy.sql("SELECT COUNT(*) FROM series_job WHERE symbol = 'AMZN'").query(Long.class).single()).isZero();
        assertThat(plansQueued(copy)).isEqualTo(1);

        List<String> args = new ArrayList<>(TestStores.args(crashed));
        args.addAll(List.of("--server.port=0", "--server.address=127.0.0.1", "--candlekeep.provider=simulated"));
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(CandlekeepApplication.class)
                .run(args.toArray(String[]::new))) {
            ApiClient again = new ApiClient(
                    restarted.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            Backfills.awaitComplete(again, "AMZN", 3);
            assertBarsAsExpected(again, "AMZN");
            Eventually.await(Duration.ofSeconds(10), "the plan's execution done", () -> plansQueued(copy) == 0);
        }
    }

    @Test
    void planUnplannedSeries_interestRecordedButNoJobPlanned_plansItAtStart() {
        // the interest commits; its plan fails, and then its execution is lost too (as an interest recorded before
        // plans were queued with it would be): the pass at start still plans the series
        try (Trigger dies = dieOnInsert("series_job", "NEW.symbol = 'IBM'")) {
            assertThat(api.post("/api/v1/tracking", """
                    {"symbols":["IBM"],"timeframes":["1h","4h","1d"]}""").status()).isEqualTo(200);
            awaitPlanFailed();
            assertThat(jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = ? AND picked = FALSE")
                    .param(InterestPlan.TASK).update()).isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM tracked_series WHERE symbol = 'IBM'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM series_job WHERE symbol = 'IBM'")).isZero();

        int planned = tracking.planUnplannedSeries();

        assertThat(planned).isEqualTo(1);
        Backfills.awaitComplete(api, "IBM", 3);
        assertBarsAsExpected(api, "IBM");
        assertThat(tracking.planUnplannedSeries()).as("a planned series is not planned again").isZero();
        assertThat(jdbc.sql("SELECT job_seq FROM series_job WHERE symbol = 'IBM' ORDER BY timeframe").query(Long.class).list())
                .containsExactly(1L, 1L);
    }

    /** Waits until the queued plan of a request has failed at least once (and waits for its retry). */
    private void awaitPlanFailed() {
        Eventually.await(Duration.ofSeconds(20), "the plan failed once", () -> count("""
                SELECT COUNT(*) FROM scheduled_tasks
                 WHERE task_name = 'plan-interest' AND consecutive_failures >= 1 AND picked = FALSE""") == 1);
    }

    private static long plansQueued(JdbcClient db) {
        return db.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ?").param(InterestPlan.TASK)
                .query(Long.class).single();
    }

    /** Removes the trigger when closed. */
    private interface Trigger extends AutoCloseable {
        @Override
        void close();
    }

    /** Every insert into {@code table} of a row for which {@code condition} holds fails, as if the process died there. */
    private Trigger dieOnInsert(String table, String condition) {
        if (TestStores.onPostgres()) {
            // a PostgreSQL trigger's WHEN takes no subquery: the function tests the condition
            jdbc.sql("CREATE FUNCTION die_here() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + condition
                    + " THEN RAISE EXCEPTION 'the process died here'; END IF; RETURN NEW; END $$").update();
            jdbc.sql("CREATE TRIGGER die_here BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION die_here()")
                    .update();
            return () -> jdbc.sql("DROP FUNCTION die_here() CASCADE").update();
        }
        jdbc.sql("CREATE TRIGGER die_here BEFORE INSERT ON " + table + " WHEN " + condition
                + " BEGIN SELECT RAISE(ABORT, 'the process died here'); END").update();
        return () -> jdbc.sql("DROP TRIGGER die_here").update();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void assertBarsAsExpected(ApiClient api, String symbol) {
        for (JsonNode tf : api.get("/api/v1/symbols/" + symbol + "/coverage").json().get("timeframes")) {
            long expected = tf.get("expected_bars").asLong();
            assertThat(tf.get("bars").asLong()).as("%s %s bars", symbol, tf.get("timeframe").asString())
                    .isPositive().isBetween(expected - 1, expected + 1);
        }
    }
}
