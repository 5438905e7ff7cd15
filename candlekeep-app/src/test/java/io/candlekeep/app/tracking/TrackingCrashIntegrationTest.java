package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A tracking request cut short, as by a SIGKILL of the process (scripts/crash-test.sh found both cases): a
 * trigger aborts the request at the chosen statement, which leaves the database as a process that died there
 * would.
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
    void track_diesWhileQueueingSlices_leavesNoHalfQueuedJobAndARetryCompletes() {
        try (Trigger dies = dieOnInsert("scheduled_tasks", """
                NEW.task_instance LIKE 'TSLA:1h@%'
                AND (SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE 'TSLA:1h@%') >= 3""")) {
            ApiClient.Response cut = api.post("/api/v1/tracking", """
                    {"symbols":["TSLA"],"timeframes":["1h"]}""");
            assertThat(cut.status()).isEqualTo(500);
        }

        assertThat(count("SELECT COUNT(*) FROM series_job WHERE symbol = 'TSLA'"))
                .as("a job whose slices were not all queued would stay QUEUED forever").isZero();
        assertThat(count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE 'TSLA:1h@%'")).isZero();

        assertThat(api.post("/api/v1/tracking", """
                {"symbols":["TSLA"],"timeframes":["1h"]}""").status()).isEqualTo(200);
        Backfills.awaitComplete(api, "TSLA", 1);
        assertThat(count("SELECT slices_total FROM series_job WHERE symbol = 'TSLA'"))
                .as("more slices than the cut request got to queue").isGreaterThan(3);
        assertBarsAsExpected("TSLA");
    }

    @Test
    void planUnplannedSeries_interestRecordedButNoJobPlanned_plansItAtStart() {
        // the interest commits, then the process dies before the first job of the symbol is written
        try (Trigger dies = dieOnInsert("series_job", "NEW.symbol = 'IBM'")) {
            assertThat(api.post("/api/v1/tracking", """
                    {"symbols":["IBM"],"timeframes":["1h","4h","1d"]}""").status()).isEqualTo(500);
        }
        assertThat(count("SELECT COUNT(*) FROM tracked_series WHERE symbol = 'IBM'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM series_job WHERE symbol = 'IBM'")).isZero();

        int planned = tracking.planUnplannedSeries();

        assertThat(planned).isEqualTo(1);
        Backfills.awaitComplete(api, "IBM", 3);
        assertBarsAsExpected("IBM");
        assertThat(tracking.planUnplannedSeries()).as("a planned series is not planned again").isZero();
        assertThat(jdbc.sql("SELECT job_seq FROM series_job WHERE symbol = 'IBM' ORDER BY timeframe").query(Long.class).list())
                .containsExactly(1L, 1L);
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

    private void assertBarsAsExpected(String symbol) {
        for (JsonNode tf : api.get("/api/v1/symbols/" + symbol + "/coverage").json().get("timeframes")) {
            long expected = tf.get("expected_bars").asLong();
            assertThat(tf.get("bars").asLong()).as("%s %s bars", symbol, tf.get("timeframe").asString())
                    .isPositive().isBetween(expected - 1, expected + 1);
        }
    }
}
