package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A tracking request cut short, as by a SIGKILL of the process (scripts/crash-test.sh found both cases): a
 * SQLite trigger aborts the request at the chosen statement, which leaves the database as a process that
 * died there would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class TrackingCrashIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.data-dir", () -> dataDir.toString());
        registry.add("candlekeep.provider", () -> "simulated");
        // 90 days of 1h in 7-day slices: a dozen or more slices, so a request can die between two of them
        registry.add("candlekeep.providers.simulated.max-range.[1h]", () -> "7d");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingService tracking;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void track_diesWhileQueueingSlices_leavesNoHalfQueuedJobAndARetryCompletes() {
        jdbc.sql("""
                CREATE TRIGGER die_while_queueing BEFORE INSERT ON scheduled_tasks
                 WHEN NEW.task_instance LIKE 'TSLA:1h@%'
                  AND (SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE 'TSLA:1h@%') >= 3
                BEGIN SELECT RAISE(ABORT, 'the process died here'); END""").update();
        try {
            ApiClient.Response cut = api.post("/api/v1/tracking", """
                    {"symbols":["TSLA"],"timeframes":["1h"]}""");
            assertThat(cut.status()).isEqualTo(500);
        } finally {
            jdbc.sql("DROP TRIGGER die_while_queueing").update();
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
        jdbc.sql("""
                CREATE TRIGGER die_before_planning BEFORE INSERT ON series_job WHEN NEW.symbol = 'IBM'
                BEGIN SELECT RAISE(ABORT, 'the process died here'); END""").update();
        try {
            assertThat(api.post("/api/v1/tracking", """
                    {"symbols":["IBM"],"timeframes":["1h","4h","1d"]}""").status()).isEqualTo(500);
        } finally {
            jdbc.sql("DROP TRIGGER die_before_planning").update();
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
