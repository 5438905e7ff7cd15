package io.candlekeep.app.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on the suite's store ({@link TestStores}) with the Yahoo provider pointed at a WireMock server, for
 * tests that serve it real recorded bodies. The application's clock reads {@link #APP_START} at start and then
 * ticks at real speed, so a one-year daily window lies inside the 2020 recordings while timers (the rate limiter,
 * backoffs, the circuit's wait) still see time pass, and the instants recorded in {@code backfill_run} measure
 * real waits.
 *
 * <p>A subclass adds its own retry and circuit settings with a {@code @DynamicPropertySource} of its own (keys
 * not set here) and stubs the server per test. One server serves every such class in the JVM; its stubs and
 * request log are cleared when a class starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(TestStores.RequireStore.class)
@Import(YahooAppTestBase.ClockAt2021.class)
public abstract class YahooAppTestBase {

    public static final Instant APP_START = Instant.parse("2021-01-04T12:00:00Z");
    public static final Instant WINDOW_START = APP_START.minus(Duration.ofDays(365));
    /** A year of AAPL daily bars with a dividend and the 2020-08-31 split. */
    public static final String AAPL_FIXTURE = "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json";

    protected static final WireMockServer yahoo = SharedServer.INSTANCE;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void yahooAppProperties(DynamicPropertyRegistry registry) {
        TestStores.register(registry, () -> dataDir);
        registry.add("candlekeep.provider", () -> "yahoo");
        registry.add("candlekeep.providers.yahoo.base-url", yahoo::baseUrl);
        // crypto from Yahoo too: these tests serve Yahoo's recorded bodies, BTC-USD's among them
        registry.add("candlekeep.crypto-providers", () -> "yahoo");
        registry.add("candlekeep.providers.yahoo.requests-per-second", () -> "100");
        // one slice at a time, so the order of requests (and which one a stub answers) is the order of runs
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

    /** Started on first use and left running for the JVM: Spring closes the contexts that call it only after a class. */
    private static final class SharedServer {
        static final WireMockServer INSTANCE = start();

        private static WireMockServer start() {
            WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
            return server;
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected ApiClient api;

    @BeforeAll
    static void clearServer() {
        yahoo.resetAll();
    }

    /**
     * Also waits until every schedule's run at start is over: a gap fill that ran after a test's first plan
     * completed would plan the series again behind the test's back (with one job thread, the order of the two
     * depends on how the engine polls, which differs by store).
     */
    @BeforeEach
    void setUpApiClient() {
        api = new ApiClient(port);
        Eventually.await(Duration.ofSeconds(20), "every schedule's run at start is over", () -> {
            for (JsonNode s : api.get("/cache/scheduler/status").json()) {
                if (s.path("runs").asLong(0) < 1 || s.path("running").asBoolean(true)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** One row of {@code backfill_run}. */
    public record Run(long id, long jobSeq, long sliceStart, String status, int attempt, String error,
            Instant startedAt, Instant finishedAt) {
    }

    /** A stored bar, reduced to its start and raw close. */
    public record StoredBar(Instant start, double close) {
    }

    /** The runs of one series, grouped by slice in the order the slices first ran, each in the order of its attempts. */
    protected Map<Long, List<Run>> runsBySlice(String symbol, String timeframe) {
        return runsBySlice(symbol, timeframe, 0, Long.MAX_VALUE);
    }

    /** As {@link #runsBySlice(String, String)}, for the plans numbered in {@code [fromJobSeq, toJobSeq]}. */
    protected Map<Long, List<Run>> runsBySlice(String symbol, String timeframe, long fromJobSeq, long toJobSeq) {
        List<Run> runs = jdbc.sql("""
                SELECT id, job_seq, slice_start, status, attempt, error, started_at, finished_at FROM backfill_run
                 WHERE symbol = ? AND timeframe = ? AND job_seq BETWEEN ? AND ? ORDER BY id
                """)
                .params(symbol, timeframe, fromJobSeq, toJobSeq)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8))))
                .list();
        Map<Long, List<Run>> bySlice = new LinkedHashMap<>();
        runs.forEach(r -> bySlice.computeIfAbsent(r.sliceStart(), k -> new ArrayList<>()).add(r));
        return bySlice;
    }

    /**
     * Each run of a slice started at least {@code minimum} after the run before it had finished; answers how many
     * such retried runs there were.
     */
    protected static int assertRetriesWaited(Map<Long, List<Run>> bySlice, Duration minimum) {
        int retries = 0;
        for (List<Run> slice : bySlice.values()) {
            for (int i = 1; i < slice.size(); i++) {
                Duration waited = Duration.between(slice.get(i - 1).finishedAt(), slice.get(i).startedAt());
                assertThat(waited).as("wait before run %s of slice %s", i + 1, slice).isGreaterThanOrEqualTo(minimum);
                retries++;
            }
        }
        return retries;
    }

    protected static String chartPath(String symbol) {
        return "/v8/finance/chart/" + symbol;
    }

    protected static List<LoggedRequest> requests(String path) {
        return yahoo.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    protected void track(String symbol, String timeframe) {
        ApiClient.Response r = api.post("/api/v1/tracking",
                "{\"symbols\":[\"" + symbol + "\"],\"timeframes\":[\"" + timeframe + "\"]}");
        assertThat(r.status()).as("tracking %s: %s", symbol, r.body()).isEqualTo(200);
    }

    /** Waits until {@code GET /api/v1/tracking} shows the job of the series with {@code status}. */
    protected void awaitJobStatus(String symbol, String timeframe, String status) {
        awaitJobStatus(symbol, timeframe, status, Duration.ofSeconds(20));
    }

    protected void awaitJobStatus(String symbol, String timeframe, String status, Duration timeout) {
        String[] last = {""};
        Eventually.await(timeout, () -> symbol + " " + timeframe + " job " + status + "; last seen " + last[0],
                () -> {
                    last[0] = jobStatus(symbol, timeframe);
                    return status.equals(last[0]);
                });
    }

    /** The job status of one tracked series as {@code GET /api/v1/tracking} reports it, or "" when not shown. */
    protected String jobStatus(String symbol, String timeframe) {
        for (JsonNode s : api.get("/api/v1/tracking").json().get("symbols")) {
            if (s.get("symbol").asString().equals(symbol)) {
                for (JsonNode tf : s.get("timeframes")) {
                    if (tf.get("timeframe").asString().equals(timeframe)) {
                        return tf.path("job_status").asString("");
                    }
                }
            }
        }
        return "";
    }

    protected int outstandingSlices(String symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice' AND task_instance LIKE ?")
                .param(symbol + ":%").query(Integer.class).single();
    }

    /** The series' bars as {@code GET /api/v1/bars} serves them. */
    protected List<StoredBar> storedBars(String symbol, String timeframe) {
        ApiClient.Response r = api.get("/api/v1/bars/" + symbol + "?timeframe=" + timeframe);
        assertThat(r.status()).as("bars of %s: %s", symbol, r.body()).isEqualTo(200);
        List<StoredBar> bars = new ArrayList<>();
        for (JsonNode b : r.json().get("bars")) {
            bars.add(new StoredBar(Instant.parse(b.get("start").asString()), b.get("close").asDouble()));
        }
        return bars;
    }

    /** The recorded bars from {@code windowStart} on, read straight from the JSON: stamp and raw close, nulls skipped. */
    protected static List<StoredBar> fixtureBars(byte[] body, Instant windowStart) {
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

    protected void assertNoDuplicateBars() {
        assertThat(jdbc.sql("SELECT series_id, start_ms FROM bars GROUP BY series_id, start_ms HAVING COUNT(*) > 1")
                .query((rs, n) -> rs.getLong(1) + "@" + rs.getLong(2)).list()).isEmpty();
        assertThat(jdbc.sql("SELECT symbol || ' ' || timeframe FROM series GROUP BY symbol, timeframe HAVING COUNT(*) > 1")
                .query(String.class).list()).isEmpty();
    }

    /** A 200 with a chart body, as Yahoo sends it. */
    protected static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
