package io.candlekeep.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The monitoring API over real HTTP: job statistics per timeframe, and one symbol's coverage down to its gaps. */
final class MonitorIntegrationTest extends SimulatedAppTestBase {

    private static final List<String> TIMEFRAMES = List.of("15m", "1h", "4h", "1d");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // 15m history older than 20 days is beyond the provider's reach: missing, but no gap
        registry.add("candlekeep.providers.simulated.lookback.[15m]", () -> "20d");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HotBarCache hotBarCache;

    @Autowired
    SchedulerClient scheduler;

    @Test
    void jobs_afterABackfillCompletes_countItsRunsAndTheRowsItStored_withNothingPending() {
        // the tests of this class share one database: count what this backfill adds, once another test's is done
        awaitNoSliceQueuedOrRunning();
        Map<String, JsonNode> before = jobRows(api.get("/api/v1/monitor/jobs").json());
        api.post("/api/v1/tracking", """
                {"symbols":["AAPL"],"timeframes":["15m","1h","1d"]}""");
        Backfills.awaitComplete(api, "AAPL", 3);
        // a job settles inside its last slice, just before the engine lets go of that slice
        awaitNoSliceQueuedOrRunning();

        JsonNode stats = api.get("/api/v1/monitor/jobs?hours=24").json();

        assertThat(stats.get("hours").asInt()).isEqualTo(24);
        assertThat(window(stats)).isEqualTo(Duration.ofHours(24));
        Map<String, JsonNode> after = jobRows(stats);
        assertThat(after.keySet()).containsExactlyElementsOf(TIMEFRAMES);
        for (String tf : List.of("15m", "1h", "1d")) {
            JsonNode row = after.get(tf);
            assertThat(delta(before, after, tf, "succeeded")).as("%s succeeded runs", tf).isPositive();
            assertThat(delta(before, after, tf, "failed")).as("%s failed runs", tf).isZero();
            assertThat(delta(before, after, tf, "rows_written")).as("%s rows written", tf)
                    .isEqualTo(storedBars("AAPL", tf)).isPositive();
            assertThat(row.get("queued").asLong()).as("%s queued", tf).isZero();
            assertThat(row.get("running").asLong()).as("%s running", tf).isZero();
            assertThat(row.get("median_duration_ms").isIntegralNumber()).as("%s median", tf).isTrue();
            assertThat(row.get("median_duration_ms").asLong()).as("%s median", tf).isNotNegative();
        }
        // the simulated provider has no native 4h: it is built from 1h, so no run is ever a 4h run
        JsonNode fourHours = after.get("4h");
        for (String field : List.of("queued", "running", "succeeded", "failed", "rate_limited", "no_data",
                "interrupted", "rows_written")) {
            assertThat(fourHours.get(field).asLong()).as("4h %s", field).isZero();
        }
        assertThat(fourHours.has("median_duration_ms")).isTrue();
        assertThat(fourHours.get("median_duration_ms").isNull()).isTrue();
        JsonNode total = stats.get("total");
        assertThat(total.get("timeframe").asString()).isEqualTo("total");
        for (String field : List.of("succeeded", "failed", "no_data", "rows_written")) {
            long sum = after.values().stream().mapToLong(row -> row.get(field).asLong()).sum();
            assertThat(total.get(field).asLong()).as("total %s", field).isEqualTo(sum);
        }
        assertThat(total.get("median_duration_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void jobs_slicesWaitingAndRunning_countUnderTheirTimeframe() {
        // 4h is never fetched here, so these are the only 4h slices; due tomorrow, none of them runs
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        for (String id : List.of("ZZPENDING:4h@0-1", "ZZPENDING:4h@1-2", "ZZPENDING:4h@2-3")) {
            scheduler.scheduleIfNotExists(new TaskInstance<>("backfill-slice", id), tomorrow);
        }
        // held as a worker holds it; without a heartbeat no engine takes it for dead
        jdbc.sql("""
                UPDATE scheduled_tasks SET picked = TRUE, picked_by = 'elsewhere' WHERE task_instance = 'ZZPENDING:4h@2-3'
                """).update();
        try {
            JsonNode stats = api.get("/api/v1/monitor/jobs").json();

            JsonNode fourHours = jobRows(stats).get("4h");
            assertThat(fourHours.get("queued").asLong()).isEqualTo(2);
            assertThat(fourHours.get("running").asLong()).isEqualTo(1);
            assertThat(stats.get("total").get("queued").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(stats.get("total").get("running").asLong()).isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.sql("DELETE FROM scheduled_tasks WHERE task_instance LIKE 'ZZPENDING:%'").update();
        }
    }

    @Test
    void coverage_barsDeletedInTheMiddleOfASeries_reportsExactlyThatGap() {
        api.post("/api/v1/tracking", """
                {"symbols":["MSFT"],"timeframes":["15m","1h","1d"]}""");
        Backfills.awaitComplete(api, "MSFT", 3);
        Map<String, JsonNode> complete = coverageRows("MSFT");
        assertThat(complete.keySet()).containsExactly("15m", "1h", "1d");
        for (JsonNode series : complete.values()) {
            assertThat(series.get("gaps").size()).as("gaps once complete: %s", series).isZero();
            assertThat(series.get("missing_bars").asLong()).isZero();
        }
        JsonNode quarterHours = complete.get("15m");
        assertThat(Instant.parse(quarterHours.get("beyond_reach_before").asString()))
                .isAfter(Instant.parse(quarterHours.get("window_start").asString()));
        List<Long> starts = storedStarts("MSFT", "1h");
        int middle = starts.size() / 2;
        Instant gapStart = Instant.ofEpochMilli(starts.get(middle));
        Instant lastDeleted = Instant.ofEpochMilli(starts.get(middle + 2));

        int deleted = deleteBars("MSFT", Timeframe.H1, gapStart, lastDeleted);

        assertThat(deleted).isEqualTo(3);
        Map<String, JsonNode> holed = coverageRows("MSFT");
        JsonNode hourly = holed.get("1h");
        assertThat(hourly.get("bars").asLong()).isEqualTo(complete.get("1h").get("bars").asLong() - 3);
        assertThat(hourly.get("missing_bars").asLong()).isEqualTo(3);
        assertThat(hourly.get("gaps")).isEqualTo(ApiClient.parse("""
                [{"start":"%s","end":"%s","bars":3}]""".formatted(gapStart,
                MarketCalendars.nyse().barEnd(Timeframe.H1, lastDeleted))));
        assertThat(hourly.get("job_status").asString()).isEqualTo("COMPLETE");
        assertThat(hourly.has("last_sync")).isTrue();
        assertThat(hourly.get("known_holes").size()).isZero();
        assertThat(holed.get("1d").get("gaps").size()).as("daily gaps").isZero();
        // market data shows the same gaps to any user who asks for them (the dashboard's chart), and none unasked
        String user = api.post("/api/v1/users", "{\"name\":\"gap-reader\"}").json().get("token").asString();
        ApiClient reader = ApiClient.withToken(port, user);
        JsonNode asked = byTimeframe(reader.get("/api/v1/symbols/MSFT/coverage?gaps=true").json()).get("1h");
        assertThat(asked.get("gaps")).isEqualTo(hourly.get("gaps"));
        assertThat(asked.get("missing_bars").asLong()).isEqualTo(3);
        assertThat(byTimeframe(reader.get("/api/v1/symbols/MSFT/coverage").json()).get("1h").has("gaps")).isFalse();
    }

    @Test
    void tracking_symbolsOfEveryUser_areListedWithTheirCoverage_toTheAdminOnly() {
        String user = api.post("/api/v1/users", "{\"name\":\"watcher\"}").json().get("token").asString();
        ApiClient watcher = ApiClient.withToken(port, user);
        watcher.post("/api/v1/tracking", """
                {"symbols":["NVDA"],"source":"watchlist","timeframes":["1d"]}""");

        JsonNode all = api.get("/api/v1/monitor/tracking").json();

        assertThat(all.get("count").asInt()).isEqualTo(all.get("symbols").size());
        JsonNode nvda = null;
        for (JsonNode symbol : all.get("symbols")) {
            if (symbol.get("symbol").asString().equals("NVDA")) {
                nvda = symbol;
            }
        }
        assertThat(nvda).as("NVDA among %s", all).isNotNull();
        assertThat(nvda.get("source").asString()).isEqualTo("watchlist");
        assertThat(nvda.get("priority").asInt()).isEqualTo(300);
        assertThat(nvda.get("tracking_users").asInt()).isEqualTo(1);
        assertThat(nvda.get("sources").size()).as("no one user's sources").isZero();
        assertThat(nvda.get("timeframes").size()).isEqualTo(1);
        assertThat(nvda.get("timeframes").get(0).get("timeframe").asString()).isEqualTo("1d");
        assertThat(watcher.get("/api/v1/monitor/tracking").status()).isEqualTo(403);
        // leave no backfill running into the next test's counts
        Backfills.awaitComplete(api, "NVDA", 1);
    }

    @Test
    void coverage_stillFormingBarNotStored_isNoGap_butTheEndedOneBeforeItIs() {
        api.post("/api/v1/tracking", """
                {"symbols":["ETH-USD"],"timeframes":["1d"]}""");
        Backfills.awaitComplete(api, "ETH-USD", 1);
        List<Long> starts = storedStarts("ETH-USD", "1d");
        Instant forming = Instant.ofEpochMilli(starts.getLast());
        Instant ended = Instant.ofEpochMilli(starts.get(starts.size() - 2));
        assumeTrue(forming.equals(formingDay()), "the UTC day turned since the backfill");

        int deleted = deleteBars("ETH-USD", Timeframe.D1, ended, forming);
        JsonNode daily = coverageRows("ETH-USD").get("1d");

        assumeTrue(forming.equals(formingDay()), "the UTC day turned while the coverage was read");
        assertThat(deleted).isEqualTo(2);
        assertThat(daily.get("gaps")).isEqualTo(ApiClient.parse("""
                [{"start":"%s","end":"%s","bars":1}]""".formatted(ended, forming)));
        assertThat(daily.get("missing_bars").asLong()).isEqualTo(1);
    }

    @Test
    void jobs_hoursOutOfRangeOrNotAWholeNumber_isProblemJson() {
        for (String hours : List.of("0", "721", "-1", "abc", "1.5", "99999999999")) {
            ApiClient.Response r = api.get("/api/v1/monitor/jobs?hours=" + hours);
            assertThat(r.status()).as("status for hours=%s", hours).isEqualTo(400);
            assertThat(r.contentType()).as("content type for hours=%s", hours).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as("detail for hours=%s", hours).contains("hours");
        }
        for (int hours : List.of(1, 720)) {
            assertThat(window(api.get("/api/v1/monitor/jobs?hours=" + hours).json())).isEqualTo(Duration.ofHours(hours));
        }
    }

    @Test
    void coverage_symbolNeitherTrackedNorStored_isNotFoundProblemJson() {
        ApiClient.Response r = api.get("/api/v1/monitor/coverage/ZZNOWHERE");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("ZZNOWHERE");
        assertThat(api.get("/api/v1/monitor/coverage/NOT%20VALID").status()).isEqualTo(400);
    }

    private static Duration window(JsonNode stats) {
        Instant from = Instant.parse(stats.get("from").asString());
        return Duration.between(from, Instant.parse(stats.get("to").asString()));
    }

    private static Map<String, JsonNode> jobRows(JsonNode stats) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        stats.get("timeframes").forEach(row -> rows.put(row.get("timeframe").asString(), row));
        return rows;
    }

    private static long delta(Map<String, JsonNode> before, Map<String, JsonNode> after, String timeframe,
            String field) {
        return after.get(timeframe).get(field).asLong() - before.get(timeframe).get(field).asLong();
    }

    private Map<String, JsonNode> coverageRows(String symbol) {
        ApiClient.Response r = api.get("/api/v1/monitor/coverage/" + symbol);
        assertThat(r.status()).as("coverage of %s: %s", symbol, r.body()).isEqualTo(200);
        return byTimeframe(r.json());
    }

    private static Map<String, JsonNode> byTimeframe(JsonNode coverage) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        coverage.get("timeframes").forEach(series -> rows.put(series.get("timeframe").asString(), series));
        return rows;
    }

    private static Instant formingDay() {
        return MarketCalendars.forSymbol(Symbol.of("ETH-USD")).barStartContaining(Timeframe.D1, Instant.now())
                .orElseThrow();
    }

    private List<Long> storedStarts(String symbol, String timeframe) {
        return jdbc.sql("""
                SELECT b.start_ms FROM bars b JOIN series s ON s.id = b.series_id
                 WHERE s.symbol = ? AND s.timeframe = ? ORDER BY b.start_ms
                """).params(symbol, timeframe).query(Long.class).list();
    }

    /** Deletes the stored bars starting in {@code [first, last]} behind the store's back, and evicts the hot copy. */
    private int deleteBars(String symbol, Timeframe timeframe, Instant first, Instant last) {
        int deleted = jdbc.sql("""
                DELETE FROM bars WHERE series_id = (SELECT id FROM series WHERE symbol = ? AND timeframe = ?)
                   AND start_ms BETWEEN ? AND ?
                """).params(symbol, timeframe.code(), first.toEpochMilli(), last.toEpochMilli()).update();
        hotBarCache.invalidate(SeriesId.of(symbol, timeframe));
        return deleted;
    }

    private long storedBars(String symbol, String timeframe) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM bars b JOIN series s ON s.id = b.series_id WHERE s.symbol = ? AND s.timeframe = ?
                """).params(symbol, timeframe).query(Long.class).single();
    }

    private void awaitNoSliceQueuedOrRunning() {
        Eventually.await(Duration.ofSeconds(30), "no slice queued or running", () -> {
            JsonNode total = api.get("/api/v1/monitor/jobs").json().get("total");
            return total.get("queued").asLong() == 0 && total.get("running").asLong() == 0;
        });
    }
}
