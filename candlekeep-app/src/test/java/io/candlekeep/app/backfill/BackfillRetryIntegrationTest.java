package io.candlekeep.app.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The job guarantees against the Yahoo adapter on a WireMock server that serves real recorded bodies: a slice
 * whose provider keeps failing is retried with backoff until it succeeds, an unknown symbol stops at once, and a
 * 429 is waited out for its {@code Retry-After}. The application's clock reads 2021-01-04T12:00Z at start and
 * then ticks at real speed, so the one-year daily window lies inside the 2020 recordings while timers (the rate
 * limiter, backoffs) still see time pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
final class BackfillRetryIntegrationTest {

    private static final Instant APP_START = Instant.parse("2021-01-04T12:00:00Z");
    private static final Instant WINDOW_START = APP_START.minus(Duration.ofDays(365));
    private static final String AAPL_FIXTURE = "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json";
    private static final String BTC_FIXTURE = "chart_BTC-USD_1d_2020-01-01_2021-01-04_crypto_nullbars.json";
    private static final String SIX_FIXTURE = "chart_SIX_404_no_data_delisted.json";
    private static final Duration RETRY_INITIAL_BACKOFF = Duration.ofMillis(400);
    private static final int RESILIENCE_MAX_ATTEMPTS = 3;

    private static final WireMockServer yahoo = startedServer();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.data-dir", () -> dataDir.toString());
        registry.add("candlekeep.provider", () -> "yahoo");
        registry.add("candlekeep.providers.yahoo.base-url", yahoo::baseUrl);
        registry.add("candlekeep.providers.yahoo.requests-per-second", () -> "100");
        registry.add("candlekeep.providers.resilience.max-attempts", () -> RESILIENCE_MAX_ATTEMPTS);
        registry.add("candlekeep.providers.resilience.initial-backoff", () -> "5ms");
        registry.add("candlekeep.providers.resilience.max-backoff", () -> "20ms");
        // a Retry-After above this goes back to the slice runner, which reschedules instead of sleeping
        registry.add("candlekeep.providers.resilience.max-retry-after", () -> "500ms");
        // the circuit would open on the deliberate 500s and hold every slice for a minute
        registry.add("candlekeep.providers.resilience.sliding-window-size", () -> "100");
        registry.add("candlekeep.providers.resilience.minimum-number-of-calls", () -> "100");
        registry.add("candlekeep.backfill.retry-initial-backoff", () -> RETRY_INITIAL_BACKOFF.toMillis() + "ms");
        registry.add("candlekeep.backfill.retry-max-backoff", () -> "2s");
        // one slice at a time, so the order of requests (and which one a scenario answers) is the order of runs
        registry.add("candlekeep.jobs.threads", () -> "1");
        registry.add("candlekeep.jobs.poll-interval", () -> "100ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockAt2021 {
        @Bean
        @Primary
        Clock testClock() {
            Clock system = Clock.systemUTC();
            return Clock.offset(system, Duration.between(system.instant(), APP_START));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    private static WireMockServer startedServer() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopServer() {
        yahoo.stop();
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void slice_providerFailsMoreThanTheWrapperRetries_isRescheduledWithBackoffUntilItSucceeds() {
        byte[] body = Fixtures.bytes("yahoo", AAPL_FIXTURE);
        int failures = 2 * RESILIENCE_MAX_ATTEMPTS + 1;
        String path = "/v8/finance/chart/AAPL";
        String state = STARTED;
        for (int i = 1; i <= failures; i++) {
            yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("AAPL").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(500).withBody("upstream broke"))
                    .willSetStateTo("failed " + i));
            state = "failed " + i;
        }
        yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("AAPL").whenScenarioStateIs(state).willReturn(ok(body)));

        track("AAPL", "1d");
        awaitJobStatus("AAPL", "1d", "COMPLETE");

        Map<Long, List<Run>> bySlice = runsBySlice("AAPL", "1d");
        assertThat(bySlice).as("the daily window is cut into a newest slice and an older one").hasSize(2);
        int failedRuns = 0;
        for (List<Run> slice : bySlice.values()) {
            List<String> statuses = slice.stream().map(Run::status).toList();
            assertThat(statuses.getLast()).as("last run of slice %s", slice).isEqualTo("SUCCEEDED");
            assertThat(statuses.subList(0, statuses.size() - 1)).as("runs before success of %s", slice)
                    .containsOnly("FAILED");
            assertThat(slice.stream().map(Run::attempt).toList()).as("attempts of %s", slice)
                    .isEqualTo(IntStream.rangeClosed(1, slice.size()).boxed().toList());
            failedRuns += slice.size() - 1;
        }
        // every run that ends FAILED used up all of the wrapper's attempts
        assertThat(failedRuns).isEqualTo(failures / RESILIENCE_MAX_ATTEMPTS);
        // each 500 was one request, and each slice took one good answer
        assertThat(requests(path)).hasSize(failures + 2);
        // the backoff of a first retry is drawn from [initial / 2, initial]
        assertRetriesWaited(bySlice, RETRY_INITIAL_BACKOFF.dividedBy(2));

        List<StoredBar> expected = fixtureBars(body, WINDOW_START);
        List<StoredBar> stored = storedBars("AAPL", "1d");
        assertThat(expected).hasSizeBetween(248, 252);
        assertThat(stored).containsExactlyElementsOf(expected);
        assertThat(stored.getFirst().start()).isEqualTo(Instant.parse("2020-01-06T14:30:00Z"));
        // 2020-08-31, the 4:1 split day: the recorded close is stored, not the dividend-adjusted adjclose (128.03)
        assertThat(stored).contains(new StoredBar(Instant.parse("2020-08-31T13:30:00Z"), 129.0399932861328));
        assertThat(stored.getLast()).isEqualTo(new StoredBar(Instant.parse("2020-12-31T14:30:00Z"), 132.69000244140625));
        assertNoDuplicateBars();
    }

    @Test
    void slice_unknownSymbol_marksItNotFoundAndNeverAsksAgain() {
        String path = "/v8/finance/chart/SIX";
        yahoo.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(Fixtures.bytes("yahoo", SIX_FIXTURE))));

        // every timeframe: 15m, 1h (also for 4h) and 1d are three fetched series with a slice each
        ApiClient.Response tracked = api.post("/api/v1/tracking", "{\"symbols\":[\"SIX\"]}");
        assertThat(tracked.status()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(15), "SIX reported as not found",
                () -> "NOT_FOUND".equals(api.get("/api/v1/symbols/SIX/coverage").json().path("status").asString("")));
        Eventually.await(Duration.ofSeconds(15), "the queued slices of SIX dropped", () -> outstandingSlices("SIX") == 0);

        JsonNode coverage = api.get("/api/v1/symbols/SIX/coverage").json();
        assertThat(coverage.get("status_reason").asString()).contains("delisted");
        for (JsonNode series : coverage.get("timeframes")) {
            assertThat(series.get("job_status").asString()).as("job of %s", series.get("timeframe"))
                    .isEqualTo("NOT_FOUND");
        }
        // one answer settles it: the other slices, queued behind the first, do not ask again
        assertThat(requests(path)).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM backfill_run WHERE symbol = 'SIX'").query(String.class).list())
                .containsExactly("NOT_FOUND");

        // well past the retry backoff and many polls of the engine: still nothing
        sleep(Duration.ofMillis(1500));
        ApiClient.Response again = api.post("/api/v1/tracking", "{\"symbols\":[\"SIX\"],\"timeframes\":[\"1d\"]}");
        assertThat(again.json().get("jobs_updated").asInt()).isZero();
        sleep(Duration.ofMillis(500));
        assertThat(requests(path)).hasSize(1);
        assertThat(outstandingSlices("SIX")).isZero();
    }

    @Test
    void slice_rateLimitedWithRetryAfter_waitsThatLongWithoutUsingAnAttemptThenSucceeds() {
        byte[] body = Fixtures.bytes("yahoo", BTC_FIXTURE);
        String path = "/v8/finance/chart/BTC-USD";
        yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("BTC").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("served"));
        yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("BTC").whenScenarioStateIs("served").willReturn(ok(body)));

        track("BTC-USD", "1d");
        awaitJobStatus("BTC-USD", "1d", "COMPLETE");

        Map<Long, List<Run>> bySlice = runsBySlice("BTC-USD", "1d");
        List<List<Run>> limited = bySlice.values().stream()
                .filter(runs -> runs.stream().anyMatch(r -> r.status().equals("RATE_LIMITED"))).toList();
        assertThat(limited).hasSize(1);
        assertThat(limited.getFirst()).extracting(Run::status).containsExactly("RATE_LIMITED", "SUCCEEDED");
        assertThat(limited.getFirst()).extracting(Run::attempt).containsExactly(1, 1);
        bySlice.values().stream().filter(runs -> !limited.contains(runs))
                .forEach(runs -> assertThat(runs).extracting(Run::status).containsExactly("SUCCEEDED"));

        assertThat(requests(path)).hasSize(bySlice.size() + 1);
        assertRetriesWaited(bySlice, Duration.ofSeconds(1));

        List<StoredBar> stored = storedBars("BTC-USD", "1d");
        assertThat(stored).containsExactlyElementsOf(fixtureBars(body, WINDOW_START));
        // every day from 2020-01-06 to 2021-01-04 (2020 is a leap year) less the 4 null bars of the recording
        assertThat(stored).hasSize(365 - 4);
        assertThat(stored.getLast().start()).isEqualTo(Instant.parse("2021-01-04T00:00:00Z"));
        assertNoDuplicateBars();
    }

    private record Run(long id, long sliceStart, String status, int attempt, Instant startedAt, Instant finishedAt) {
    }

    private record StoredBar(Instant start, double close) {
    }

    private Map<Long, List<Run>> runsBySlice(String symbol, String timeframe) {
        List<Run> runs = jdbc.sql("""
                SELECT id, slice_start, status, attempt, started_at, finished_at FROM backfill_run
                 WHERE symbol = ? AND timeframe = ? ORDER BY id
                """)
                .params(symbol, timeframe)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))))
                .list();
        Map<Long, List<Run>> bySlice = new LinkedHashMap<>();
        runs.forEach(r -> bySlice.computeIfAbsent(r.sliceStart(), k -> new ArrayList<>()).add(r));
        return bySlice;
    }

    /**
     * Each run of a slice started at least {@code minimum} after the run before it had finished. The application
     * clock ticks at real speed, so the recorded instants measure real waits.
     */
    private static void assertRetriesWaited(Map<Long, List<Run>> bySlice, Duration minimum) {
        int retries = 0;
        for (List<Run> slice : bySlice.values()) {
            for (int i = 1; i < slice.size(); i++) {
                Duration waited = Duration.between(slice.get(i - 1).finishedAt(), slice.get(i).startedAt());
                assertThat(waited).as("wait before run %s of slice %s", i + 1, slice).isGreaterThanOrEqualTo(minimum);
                retries++;
            }
        }
        assertThat(retries).as("retried runs").isPositive();
    }

    private List<LoggedRequest> requests(String path) {
        return yahoo.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    private void track(String symbol, String timeframe) {
        ApiClient.Response r = api.post("/api/v1/tracking",
                "{\"symbols\":[\"" + symbol + "\"],\"timeframes\":[\"" + timeframe + "\"]}");
        assertThat(r.status()).as("tracking %s: %s", symbol, r.body()).isEqualTo(200);
    }

    private void awaitJobStatus(String symbol, String timeframe, String status) {
        String[] last = {""};
        Eventually.await(Duration.ofSeconds(20), () -> symbol + " " + timeframe + " job " + status + "; last seen " + last[0],
                () -> {
                    ApiClient.Response r = api.get("/api/v1/tracking");
                    last[0] = r.body();
                    for (JsonNode s : r.json().get("symbols")) {
                        if (s.get("symbol").asString().equals(symbol)) {
                            for (JsonNode tf : s.get("timeframes")) {
                                if (tf.get("timeframe").asString().equals(timeframe)) {
                                    return status.equals(tf.path("job_status").asString(""));
                                }
                            }
                        }
                    }
                    return false;
                });
    }

    private int outstandingSlices(String symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice' AND task_instance LIKE ?")
                .param(symbol + ":%").query(Integer.class).single();
    }

    private List<StoredBar> storedBars(String symbol, String timeframe) {
        ApiClient.Response r = api.get("/api/v1/bars/" + symbol + "?timeframe=" + timeframe);
        assertThat(r.status()).as("bars of %s: %s", symbol, r.body()).isEqualTo(200);
        List<StoredBar> bars = new ArrayList<>();
        for (JsonNode b : r.json().get("bars")) {
            bars.add(new StoredBar(Instant.parse(b.get("start").asString()), b.get("close").asDouble()));
        }
        return bars;
    }

    /** The recorded bars from {@code windowStart} on, read straight from the JSON: stamp and raw close, nulls skipped. */
    private static List<StoredBar> fixtureBars(byte[] body, Instant windowStart) {
        JsonNode result = ApiClient.parse(new String(body, StandardCharsets.UTF_8))
                .get("chart").get("result").get(0);
        JsonNode timestamps = result.get("timestamp");
        JsonNode closes = result.get("indicators").get("quote").get(0).get("close");
        List<StoredBar> bars = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            Instant t = Instant.ofEpochSecond(timestamps.get(i).asLong());
            if (!t.isBefore(windowStart) && !closes.get(i).isNull()) {
                bars.add(new StoredBar(t, closes.get(i).asDouble()));
            }
        }
        return bars;
    }

    private void assertNoDuplicateBars() {
        assertThat(jdbc.sql("SELECT series_id, start_ms FROM bars GROUP BY series_id, start_ms HAVING COUNT(*) > 1")
                .query((rs, n) -> rs.getLong(1) + "@" + rs.getLong(2)).list()).isEmpty();
        assertThat(jdbc.sql("SELECT symbol || ' ' || timeframe FROM series GROUP BY symbol, timeframe HAVING COUNT(*) > 1")
                .query(String.class).list()).isEmpty();
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
