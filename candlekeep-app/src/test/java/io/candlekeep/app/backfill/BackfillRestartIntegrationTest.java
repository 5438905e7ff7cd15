package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN §6.8: an interrupted job resumes at the slice it was on; nothing committed is lost and nothing is written
 * twice. The service runs on a data folder with a slow simulated provider and one worker, is stopped while slices
 * are outstanding, and a new process on the same folder (now with a fast provider) finishes the same plans.
 */
final class BackfillRestartIntegrationTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BTC-USD");
    private static final Duration SLOW = Duration.ofMillis(300);

    @TempDir
    Path dataDir;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void closeContexts() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void restart_afterAGracefulStopWithSlicesOutstanding_resumesThePlansAndWritesNothingTwice() {
        ConfigurableApplicationContext first = start(dataDir, SLOW);
        track(api(first), SYMBOLS);
        Eventually.await(Duration.ofSeconds(20), "a few slices done", () -> succeededRuns(dataDir) >= 6);

        first.close();
        Database db = new Database(dataDir);
        int outstanding = db.outstandingSlices();
        assertThat(outstanding).as("slices still queued when the service stopped").isGreaterThan(10);
        assertThat(db.count("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = TRUE"))
                .as("a graceful stop lets the slices in flight finish").isZero();
        assertThat(db.count("SELECT COUNT(*) FROM backfill_run WHERE status = 'RUNNING'")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM series_job WHERE status = 'QUEUED'")).isPositive();
        Map<String, Long> plans = db.jobSeqs();
        long lastRunBefore = db.count("SELECT MAX(id) FROM backfill_run");
        Set<String> doneBefore = db.finishedSlices();

        ConfigurableApplicationContext second = start(dataDir, Duration.ZERO);
        ApiClient api = api(second);
        awaitAllComplete(api, SYMBOLS);

        assertThat(db.jobSeqs()).as("no new plan: the queued slices carried on").isEqualTo(plans);
        // the last slice marks its plan complete before the job engine deletes its execution: a moment on an idle machine
        Eventually.await(Duration.ofSeconds(30), "no slice execution left", () -> db.outstandingSlices() == 0);
        assertEverySliceSucceededOnce(db);
        Set<String> doneAfter = db.slicesRunAfter(lastRunBefore);
        assertThat(doneAfter).as("slices run after the restart").hasSize(outstanding).doesNotContainAnyElementsOf(doneBefore);
        assertStoreIsSound(db, api, SYMBOLS);
    }

    @Test
    void restart_afterACrashWithASlicePicked_runsThatSliceAgain() {
        ConfigurableApplicationContext first = start(dataDir, SLOW);
        track(api(first), List.of("AAPL", "BTC-USD"));
        Eventually.await(Duration.ofSeconds(20), "a few slices done", () -> succeededRuns(dataDir) >= 3);

        // What a power cut leaves: a consistent copy of the committed state taken while a slice is being fetched,
        // so its execution is still picked and its run still RUNNING.
        Path crashed = dataDir.resolve("crashed");
        Database db = new Database(crashed);
        Eventually.await(Duration.ofSeconds(10), "a copy taken while a slice is in flight", () -> {
            TestStores.snapshot(dataDir, crashed);
            return db.count("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = TRUE") >= 1
                    && db.count("SELECT COUNT(*) FROM backfill_run WHERE status = 'RUNNING'") == 1;
        });
        first.close();
        String inFlight = db.jdbc().sql("""
                SELECT symbol || ' ' || timeframe || ' ' || job_seq || ' ' || slice_start FROM backfill_run
                 WHERE status = 'RUNNING'
                """).query(String.class).single();
        Map<String, Long> plans = db.jobSeqs();
        long lastRunBefore = db.count("SELECT MAX(id) FROM backfill_run");

        // On SQLite, dead-execution detection would take 4 missed heartbeats = 4 minutes here; the test waits far
        // less, so only the release at start can get the picked slice going again. PostgreSQL keeps picks at start
        // (another instance may be running them) and leaves them to that detection, so it gets short heartbeats.
        String heartbeat = TestStores.onPostgres() ? "250ms" : "1m";
        ConfigurableApplicationContext second = start(crashed, Duration.ZERO, "--candlekeep.jobs.heartbeat-interval=" + heartbeat);
        ApiClient api = api(second);
        awaitAllComplete(api, List.of("AAPL", "BTC-USD"));

        assertThat(db.jdbc().sql("""
                SELECT status FROM backfill_run
                 WHERE symbol || ' ' || timeframe || ' ' || job_seq || ' ' || slice_start = ? ORDER BY id
                """).param(inFlight).query(String.class).list())
                .as("runs of the slice that was in flight")
                .satisfiesExactly(
                        earlier -> assertThat(earlier).isEqualTo("INTERRUPTED"),
                        later -> assertThat(later).isIn("SUCCEEDED", "NO_DATA"));
        assertThat(db.slicesRunAfter(lastRunBefore)).contains(inFlight);
        assertThat(db.count("SELECT COUNT(*) FROM backfill_run WHERE status = 'RUNNING'")).isZero();
        assertThat(db.jobSeqs()).isEqualTo(plans);
        // the last slice marks its plan complete before the job engine deletes its execution: a moment on an idle machine
        Eventually.await(Duration.ofSeconds(30), "no slice execution left", () -> db.outstandingSlices() == 0);
        assertEverySliceSucceededOnce(db);
        assertStoreIsSound(db, api, List.of("AAPL", "BTC-USD"));
    }

    private ConfigurableApplicationContext start(Path dir, Duration latency, String... extra) {
        // command-line arguments, because application.yml outranks SpringApplicationBuilder.properties(...)
        List<String> args = new ArrayList<>(TestStores.args(dir));
        args.addAll(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--candlekeep.provider=simulated",
                "--candlekeep.providers.simulated.latency=" + latency.toMillis() + "ms",
                // narrow requests: each series is a dozen slices, so a stop always finds some outstanding
                "--candlekeep.providers.simulated.max-range.[15m]=3d",
                "--candlekeep.providers.simulated.max-range.[1h]=30d",
                "--candlekeep.providers.simulated.max-range.[1d]=60d",
                "--candlekeep.jobs.threads=1",
                "--candlekeep.jobs.poll-interval=200ms"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CandlekeepApplication.class)
                .run(args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static void track(ApiClient api, List<String> symbols) {
        String list = symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        ApiClient.Response r = api.post("/api/v1/tracking", "{\"symbols\":[" + list + "]}");
        assertThat(r.status()).as("tracking: %s", r.body()).isEqualTo(200);
        assertThat(r.json().get("jobs_updated").asInt()).isEqualTo(4 * symbols.size());
    }

    private static long succeededRuns(Path dir) {
        return new Database(dir).count("SELECT COUNT(*) FROM backfill_run WHERE status = 'SUCCEEDED'");
    }

    private static void awaitAllComplete(ApiClient api, List<String> symbols) {
        String[] last = {""};
        Eventually.await(Duration.ofSeconds(30), () -> "every job of " + symbols + " COMPLETE; last seen " + last[0], () -> {
            ApiClient.Response r = api.get("/api/v1/tracking");
            last[0] = r.body();
            int complete = 0;
            for (JsonNode s : r.json().get("symbols")) {
                for (JsonNode tf : s.get("timeframes")) {
                    if ("COMPLETE".equals(tf.path("job_status").asString(""))) {
                        complete++;
                    }
                }
            }
            return complete == 4 * symbols.size();
        });
    }

    /**
     * Each slice of each current plan has exactly one run that finished it (SUCCEEDED, or NO_DATA for a 15m slice
     * that falls on a weekend), and the plan has no other slices.
     */
    private static void assertEverySliceSucceededOnce(Database db) {
        assertThat(db.jdbc().sql("""
                SELECT symbol, timeframe, job_seq, slice_start FROM backfill_run WHERE status IN ('SUCCEEDED', 'NO_DATA')
                 GROUP BY symbol, timeframe, job_seq, slice_start HAVING COUNT(*) > 1
                """).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(4)).list())
                .as("slices that were finished twice").isEmpty();
        assertThat(db.jdbc().sql("""
                SELECT j.symbol || ' ' || j.timeframe || ': ' || j.slices_total || ' planned, '
                       || (SELECT COUNT(DISTINCT r.slice_start) FROM backfill_run r
                            WHERE r.symbol = j.symbol AND r.timeframe = j.timeframe AND r.job_seq = j.job_seq
                              AND r.status IN ('SUCCEEDED', 'NO_DATA')) || ' finished'
                  FROM series_job j
                """).query(String.class).list())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).as("slices of the plan").matches(".*: (\\d+) planned, \\1 finished"));
    }

    private static void assertStoreIsSound(Database db, ApiClient api, List<String> symbols) {
        assertThat(db.jdbc().sql("SELECT series_id, start_ms, COUNT(*) FROM bars GROUP BY series_id, start_ms HAVING COUNT(*) > 1")
                .query((rs, n) -> rs.getLong(1) + "@" + rs.getLong(2)).list()).as("duplicated bars").isEmpty();
        if (!TestStores.onPostgres()) {
            assertThat(db.jdbc().sql("PRAGMA integrity_check").query(String.class).list()).containsExactly("ok");
        }
        for (String symbol : symbols) {
            JsonNode daily = null;
            for (JsonNode tf : api.get("/api/v1/symbols/" + symbol + "/coverage").json().get("timeframes")) {
                if (tf.get("timeframe").asString().equals("1d")) {
                    daily = tf;
                }
            }
            assertThat(daily).as("1d coverage of %s", symbol).isNotNull();
            assertThat(daily.get("bars").asLong()).as("1d bars of %s", symbol).isPositive()
                    .isEqualTo(daily.get("expected_bars").asLong());
        }
    }

    /** Reads the database directly, beside (or after) the service. */
    private record Database(Path dir) {

        JdbcClient jdbc() {
            return TestStores.jdbc(dir);
        }

        long count(String sql) {
            Long n = jdbc().sql(sql).query(Long.class).single();
            return n == null ? 0 : n;
        }

        int outstandingSlices() {
            return (int) count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = '" + BackfillTasks.SLICE_TASK + "'");
        }

        Map<String, Long> jobSeqs() {
            return jdbc().sql("SELECT symbol || ' ' || timeframe, job_seq FROM series_job")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        Set<String> finishedSlices() {
            return Set.copyOf(jdbc().sql("""
                    SELECT symbol || ' ' || timeframe || ' ' || job_seq || ' ' || slice_start FROM backfill_run
                     WHERE status IN ('SUCCEEDED', 'NO_DATA')
                    """).query(String.class).list());
        }

        Set<String> slicesRunAfter(long runId) {
            return Set.copyOf(jdbc().sql("""
                    SELECT DISTINCT symbol || ' ' || timeframe || ' ' || job_seq || ' ' || slice_start FROM backfill_run
                     WHERE id > ?
                    """).param(runId).query(String.class).list());
        }
    }
}
