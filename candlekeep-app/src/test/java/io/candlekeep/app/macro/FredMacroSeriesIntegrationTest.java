package io.candlekeep.app.macro;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.candlekeep.app.health.HealthMonitor;
import io.candlekeep.app.schedule.ScheduleService;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FRED macro series end to end, on the suite's store: the application (stocks on the simulated provider) with FRED
 * pointed at a WireMock server that serves the recorded bodies. The application's clock reads {@link #APP_START}, days after the recordings' realtime date, and
 * ticks at real speed, so the rate limiter and the job engine see time pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith({TestStores.RequireStore.class, OutputCaptureExtension.class})
@Import(FredMacroSeriesIntegrationTest.ClockAt2025.class)
final class FredMacroSeriesIntegrationTest {

    /** Five days after FRED's realtime date of the CPILFESL recording (2025-01-15). */
    static final Instant APP_START = Instant.parse("2025-01-20T12:00:00Z");
    /** A key in FRED's form; FRED itself is never asked. */
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String SERIES = "/fred/series";
    private static final String OBSERVATIONS = "/fred/series/observations";

    private static final WireMockServer fred = started();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.register(registry, () -> dataDir);
        registry.add("candlekeep.provider", () -> "simulated");
        registry.add("candlekeep.providers.fred.base-url", fred::baseUrl);
        registry.add("candlekeep.providers.fred.api-key", () -> KEY);
        registry.add("candlekeep.jobs.threads", () -> "1");
        registry.add("candlekeep.jobs.poll-interval", () -> "100ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockAt2025 {
        @Bean
        @Primary
        Clock testClock() {
            Clock system = Clock.systemUTC();
            return Clock.offset(system, Duration.between(system.instant(), APP_START));
        }
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopServer() {
        fred.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduleService schedules;

    @Autowired
    HealthMonitor health;

    @Autowired
    Clock clock;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        serve("CPILFESL", Fixtures.bytes("fred", "series_CPILFESL.json"),
                Fixtures.bytes("fred", "series_observations_CPILFESL.json"));
        // GDP's description hand-written in the recorded fred/series form
        // (https://fred.stlouisfed.org/docs/api/fred/series.html); its observations are recorded
        serve("GDP", """
                {"realtime_start":"2024-10-30","realtime_end":"2024-10-30","seriess":[{"id":"GDP",
                "title":"Gross Domestic Product","observation_start":"1947-01-01","observation_end":"2024-07-01",
                "frequency":"Quarterly","frequency_short":"Q","units":"Billions of Dollars",
                "last_updated":"2024-10-30 07:54:02-05"}]}""".getBytes(StandardCharsets.UTF_8),
                Fixtures.bytes("fred", "series_observations_GDP.json"));
        // a gap fill or macro refresh at start that ran after a test's first plan would plan it again behind its back
        Eventually.await(Duration.ofSeconds(20), "every schedule's run at start is over", () -> {
            for (JsonNode s : api.get("/cache/scheduler/status").json()) {
                if (s.path("runs").asLong(0) < 1 || s.path("running").asBoolean(true)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void serve(String id, byte[] series, byte[] observations) {
        fred.stubFor(get(urlPathEqualTo(SERIES)).withQueryParam("series_id", equalTo(id))
                .withQueryParam("api_key", equalTo(KEY)).willReturn(ok(series)));
        fred.stubFor(get(urlPathEqualTo(OBSERVATIONS)).withQueryParam("series_id", equalTo(id))
                .withQueryParam("api_key", equalTo(KEY)).willReturn(ok(observations)));
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    @Test
    void track_cpilfeslWithKey_storesOneBarPerMonthAndCoverageIsMonthlyAndComplete(CapturedOutput output) {
        ApiClient.Response r = api.post("/api/v1/tracking", "{\"symbols\":[\"FRED:CPILFESL\"],\"source\":\"watchlist\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        // a macro series is kept in 1d only
        assertThat(r.json().get("timeframes").asInt()).isEqualTo(1);
        awaitComplete("FRED:CPILFESL");

        JsonNode coverage = api.get("/api/v1/symbols/FRED:CPILFESL/coverage?gaps=true").json();
        assertThat(coverage.get("asset_class").asString()).isEqualTo("MACRO");
        assertThat(coverage.get("frequency").asString()).isEqualTo("monthly");
        assertThat(coverage.get("calendar").asString()).isEqualTo("MACRO-MONTHLY");
        assertThat(coverage.get("timeframes")).hasSize(1);
        JsonNode daily = coverage.get("timeframes").get(0);
        assertThat(daily.get("timeframe").asString()).isEqualTo("1d");
        Instant windowStart = Instant.parse(daily.get("window_start").asString());
        // the macro window (ten years), not the 1d one
        assertThat(windowStart).isBefore(APP_START.minus(Duration.ofDays(3600)));

        // one point per month from the window on, up to November 2024: December's CPI is due only from February
        long months = firstDate(windowStart).datesUntil(LocalDate.of(2024, 12, 1)).filter(d -> d.getDayOfMonth() == 1)
                .count();
        assertThat(daily.get("expected_bars").asLong()).isEqualTo(months);
        assertThat(daily.get("missing_bars").asLong()).isZero();
        assertThat(daily.get("gaps")).isEmpty();
        assertThat(daily.get("known_holes")).isEmpty();

        // the stored bars are the recorded observations in the window, December included (published on January 15)
        Map<LocalDate, Double> recorded = recorded("series_observations_CPILFESL.json", windowStart);
        Map<LocalDate, Double> stored = storedCloses("FRED:CPILFESL");
        assertThat(stored).isEqualTo(recorded);
        assertThat(daily.get("bars").asLong()).isEqualTo(recorded.size()).isEqualTo(months + 1);
        for (JsonNode bar : api.get("/api/v1/bars/FRED:CPILFESL?timeframe=1d&limit=3").json().get("bars")) {
            double close = bar.get("close").asDouble();
            assertThat(bar.get("open").asDouble()).isEqualTo(close);
            assertThat(bar.get("high").asDouble()).isEqualTo(close);
            assertThat(bar.get("low").asDouble()).isEqualTo(close);
            assertThat(bar.get("volume").asDouble()).isZero();
        }

        assertThat(jdbc.sql("SELECT frequency, units FROM macro_series WHERE symbol = 'FRED:CPILFESL'")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
                .isEqualTo("monthly Index 1982-1984=100");
        fred.verify(1, getRequestedFor(urlPathEqualTo(SERIES)).withQueryParam("series_id", equalTo("CPILFESL")));
        assertThat(output.getAll()).as("the log").doesNotContain(KEY);
    }

    @Test
    void track_gdpWithKey_isQuarterlyWithOnePointPerQuarter() {
        assertThat(api.post("/api/v1/tracking", "{\"symbols\":[\"FRED:GDP\"],\"timeframes\":[\"1d\"]}").status())
                .isEqualTo(200);
        awaitComplete("FRED:GDP");

        JsonNode coverage = api.get("/api/v1/symbols/FRED:GDP/coverage?gaps=true").json();
        assertThat(coverage.get("frequency").asString()).isEqualTo("quarterly");
        JsonNode daily = coverage.get("timeframes").get(0);
        Instant windowStart = Instant.parse(daily.get("window_start").asString());
        // the recording ends with Q3 2024 (2024-07-01), due from 2025-01-01: every quarter in the window is there
        long quarters = firstDate(windowStart).datesUntil(LocalDate.of(2024, 10, 1))
                .filter(d -> d.getDayOfMonth() == 1 && (d.getMonthValue() - 1) % 3 == 0).count();
        assertThat(daily.get("expected_bars").asLong()).isEqualTo(quarters);
        assertThat(daily.get("missing_bars").asLong()).isZero();
        assertThat(storedCloses("FRED:GDP")).isEqualTo(recorded("series_observations_GDP.json", windowStart));
    }

    @Test
    void track_macroSeriesInAnIntradayTimeframe_isRefusedAndChangesNothing() {
        ApiClient.Response r = api.post("/api/v1/tracking", "{\"symbols\":[\"FRED:DGS10\"],\"timeframes\":[\"1h\",\"1d\"]}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("FRED:DGS10").contains("1d").contains("1h");
        assertThat(api.get("/api/v1/symbols/FRED:DGS10/coverage").status()).isEqualTo(404);
    }

    @Test
    void macroRefresh_revisedObservation_replacesTheStoredValue() {
        assertThat(api.post("/api/v1/tracking", "{\"symbols\":[\"FRED:CPILFESL\"]}").status()).isEqualTo(200);
        awaitComplete("FRED:CPILFESL");
        LocalDate revisedDate = LocalDate.of(2024, 6, 1);
        double before = storedCloses("FRED:CPILFESL").get(revisedDate);

        // the recorded body with one value revised, as FRED revises history
        String recordedBody = Fixtures.text("fred", "series_observations_CPILFESL.json");
        String from = "\"date\":\"2024-06-01\",\"value\":\"" + formatted(before) + "\"";
        assertThat(recordedBody).contains(from);
        fred.stubFor(get(urlPathEqualTo(OBSERVATIONS)).withQueryParam("series_id", equalTo("CPILFESL"))
                .willReturn(ok(recordedBody.replace(from, "\"date\":\"2024-06-01\",\"value\":\"999.125\"")
                        .getBytes(StandardCharsets.UTF_8))));
        assertThat(schedules.runNow("macro-refresh")).isTrue();

        Eventually.await(Duration.ofSeconds(30), "the revised value stored",
                () -> storedCloses("FRED:CPILFESL").get(revisedDate) == 999.125);
        Map<LocalDate, Double> stored = storedCloses("FRED:CPILFESL");
        assertThat(stored).hasSize(recorded("series_observations_CPILFESL.json",
                Instant.parse(api.get("/api/v1/symbols/FRED:CPILFESL/coverage").json().get("timeframes").get(0)
                        .get("window_start").asString())).size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bars b JOIN series s ON s.id = b.series_id"
                + " WHERE s.symbol = 'FRED:CPILFESL' AND b.start_ms = ?")
                .param(revisedDate.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()).query(Long.class).single())
                .isEqualTo(1);

        // and back: the other tests of this class read the recorded values
        fred.stubFor(get(urlPathEqualTo(OBSERVATIONS)).withQueryParam("series_id", equalTo("CPILFESL"))
                .willReturn(ok(recordedBody.getBytes(StandardCharsets.UTF_8))));
        awaitComplete("FRED:CPILFESL");
        Eventually.await(Duration.ofSeconds(30), "the macro refresh can run again", () -> schedules.runNow("macro-refresh"));
        Eventually.await(Duration.ofSeconds(30), "the recorded value stored again",
                () -> storedCloses("FRED:CPILFESL").get(revisedDate) == before);
    }

    /** The first date whose 00:00 UTC is not before {@code t}: the first a daily bar in a window from t can have. */
    private static LocalDate firstDate(Instant t) {
        LocalDate date = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(t) ? date.plusDays(1) : date;
    }

    @Test
    void health_macroSeriesSyncedOnceADay_lagsOnlyAfterTwoDays() {
        assertThat(api.post("/api/v1/tracking", "{\"symbols\":[\"FRED:CPILFESL\"]}").status()).isEqualTo(200);
        awaitComplete("FRED:CPILFESL");
        long synced = lastSync("FRED:CPILFESL");
        try {
            // past twice the historical sync's interval, which stocks must keep: a macro series syncs daily
            setLastSync("FRED:CPILFESL", clock.instant().minus(Duration.ofHours(20)));
            assertThat(health.run().done()).startsWith("UP");

            setLastSync("FRED:CPILFESL", clock.instant().minus(Duration.ofDays(3)));
            assertThat(health.run().done()).startsWith("DEGRADED").contains("FRED:CPILFESL:1d").contains("48 h");
        } finally {
            setLastSync("FRED:CPILFESL", Instant.ofEpochMilli(synced));
            health.run();
        }
    }

    private long lastSync(String symbol) {
        return jdbc.sql("SELECT last_sync_ms FROM series_job WHERE symbol = ? AND timeframe = '1d'").param(symbol)
                .query(Long.class).single();
    }

    private void setLastSync(String symbol, Instant at) {
        jdbc.sql("UPDATE series_job SET last_sync_ms = ? WHERE symbol = ? AND timeframe = '1d'")
                .params(at.toEpochMilli(), symbol).update();
    }

    private static String formatted(double value) {
        String s = Double.toString(value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private void awaitComplete(String symbol) {
        String[] last = {""};
        Eventually.await(Duration.ofSeconds(60), () -> symbol + " 1d complete; last seen " + last[0], () -> {
            ApiClient.Response r = api.get("/api/v1/symbols/" + symbol + "/coverage");
            last[0] = r.body();
            return r.status() == 200 && r.json().get("timeframes").size() == 1
                    && "COMPLETE".equals(r.json().get("timeframes").get(0).path("job_status").asString(""))
                    && outstandingSlices(symbol) == 0;
        });
    }

    private int outstandingSlices(String symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice' AND task_instance LIKE ?")
                .param(symbol + ":%").query(Integer.class).single();
    }

    /** The recorded values from {@code windowStart} on, by date, {@code "."} left out, read straight from the JSON. */
    private static Map<LocalDate, Double> recorded(String file, Instant windowStart) {
        Map<LocalDate, Double> values = new TreeMap<>();
        for (JsonNode o : JsonMapper.shared().readTree(Fixtures.bytes("fred", file)).get("observations")) {
            LocalDate date = LocalDate.parse(o.get("date").asString());
            if (!o.get("value").asString().equals(".")
                    && !date.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(windowStart)) {
                values.put(date, Double.parseDouble(o.get("value").asString()));
            }
        }
        return values;
    }

    private Map<LocalDate, Double> storedCloses(String symbol) {
        ApiClient.Response r = api.get("/api/v1/bars/" + symbol + "?timeframe=1d&limit=10000");
        assertThat(r.status()).as("bars of %s: %s", symbol, r.body()).isEqualTo(200);
        Map<LocalDate, Double> closes = new TreeMap<>();
        for (JsonNode b : r.json().get("bars")) {
            closes.put(LocalDate.ofInstant(Instant.parse(b.get("start").asString()), ZoneOffset.UTC),
                    b.get("close").asDouble());
        }
        return closes;
    }
}
