package io.candlekeep.app.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.calendar.MarketCalendars;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Yahoo is down and the daily series of tracked stocks still complete, from Stooq: WireMock answers Yahoo's chart path
 * with a timeout, a connection reset and a 503 (one symbol each, one call per slice, so the third symbol's failures
 * open Yahoo's circuit), and serves Stooq's recorded downloads ({@code shared/fixtures/stooq}); a symbol tracked after that is
 * not asked of Yahoo at all. Each series' coverage says Stooq filled it, its runs name Stooq, and health and
 * {@code /cache/status} show Yahoo's circuit open and what each provider serves.
 *
 * <p>The application's clock starts at {@link #APP_START}, Juneteenth 2026 (the NYSE is closed; its last session was
 * the day before) and ticks at real speed; with a 150-day daily window, every session of the window lies inside the
 * recorded AAPL and QQQ downloads. The two symbols without a recording of their own are served AAPL's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(TestStores.RequireStore.class)
@Import(StooqFallbackIntegrationTest.ClockAtJuneteenth.class)
final class StooqFallbackIntegrationTest {

    static final Instant APP_START = Instant.parse("2026-06-19T12:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(150);
    private static final Duration YAHOO_TIMEOUT = Duration.ofSeconds(1);
    private static final String CHART = "/v8/finance/chart/";
    private static final String DOWNLOAD = "/q/d/l/";
    /** A 150-day daily series is planned as two slices, the newest first. */
    private static final int SLICES = 2;
    /** Three symbols' failed slices fill the circuit's window. */
    private static final int CIRCUIT_WINDOW = 3 * SLICES;

    private static final WireMockServer server = started();

    @TempDir
    static Path dataDir;

    private static WireMockServer started() {
        WireMockServer s = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s.start();
        return s;
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.register(registry, () -> dataDir);
        registry.add("candlekeep.provider", () -> "yahoo");
        registry.add("candlekeep.providers.yahoo.base-url", server::baseUrl);
        registry.add("candlekeep.providers.yahoo.cookie-url", () -> server.baseUrl() + "/cookie");
        registry.add("candlekeep.providers.yahoo.request-timeout", () -> YAHOO_TIMEOUT.toMillis() + "ms");
        // no Binance (nor its stream) in this test: crypto is not tracked here
        registry.add("candlekeep.crypto-providers", () -> "yahoo");
        registry.add("candlekeep.providers.stooq.enabled", () -> "true");
        registry.add("candlekeep.providers.stooq.base-url", server::baseUrl);
        registry.add("candlekeep.providers.stooq.requests-per-second", () -> "100");
        // one call per fetch, and the circuit judges the calls of three symbols: their failures open it, for longer
        // than the test
        registry.add("candlekeep.providers.resilience.max-attempts", () -> "1");
        registry.add("candlekeep.providers.resilience.sliding-window-size", () -> CIRCUIT_WINDOW);
        registry.add("candlekeep.providers.resilience.minimum-number-of-calls", () -> CIRCUIT_WINDOW);
        registry.add("candlekeep.providers.resilience.failure-rate-threshold", () -> "100");
        registry.add("candlekeep.providers.resilience.wait-in-open-state", () -> "10m");
        registry.add("candlekeep.backfill.windows.[1d]", () -> WINDOW.toDays() + "d");
        registry.add("candlekeep.jobs.threads", () -> "1");
        registry.add("candlekeep.jobs.poll-interval", () -> "100ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockAtJuneteenth {
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

    @Autowired
    MeterRegistry meters;

    private ApiClient api;

    @BeforeEach
    void setUp() {
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

    @Test
    void dailySeries_yahooDown_completeFromStooqWhichCoverageNames() {
        byte[] aapl = Fixtures.bytes("stooq", "aapl_us_d.csv");
        byte[] qqq = Fixtures.bytes("stooq", "qqq_us_d.csv");
        server.stubFor(get(urlPathMatching(CHART + ".*")).atPriority(10)
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        server.stubFor(get(urlPathEqualTo(CHART + "AAPL")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) YAHOO_TIMEOUT.multipliedBy(3).toMillis())));
        server.stubFor(get(urlPathEqualTo(CHART + "QQQ")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        stubStooq("aapl.us", aapl);
        stubStooq("qqq.us", qqq);
        stubStooq("f-down.us", aapl);
        stubStooq("f-open.us", aapl);

        // a timeout, a reset, a 503: each slice's one Yahoo call fails and Stooq answers
        assertCompletesFromStooq("AAPL", aapl, SLICES);
        assertCompletesFromStooq("QQQ", qqq, SLICES);
        assertThat(circuit("yahoo")).isEqualTo("CLOSED");
        assertCompletesFromStooq("F-DOWN", aapl, SLICES);
        Eventually.await(Duration.ofSeconds(10), "Yahoo's circuit opens", () -> circuit("yahoo").equals("OPEN"));

        // the open circuit refuses the call: the next symbol goes straight to Stooq
        assertCompletesFromStooq("F-OPEN", aapl, 0);

        JsonNode health = api.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
        JsonNode details = health.get("components").get("candlekeep").get("details");
        assertThat(details.get("provider_circuits").get("yahoo").asString()).isEqualTo("OPEN");
        assertThat(details.get("provider_circuits").get("stooq").asString()).isEqualTo("CLOSED");
        assertProviders(details.get("providers"), details.get("provider_order"));

        JsonNode status = api.get("/cache/status").json();
        assertThat(status.get("status").get("symbols").asInt()).isEqualTo(4);
        assertProviders(status.get("providers"), status.get("provider_order"));
    }

    private static void stubStooq(String stooqSymbol, byte[] body) {
        server.stubFor(get(urlPathEqualTo(DOWNLOAD)).withQueryParam("s", equalTo(stooqSymbol))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/csv").withBody(body)));
    }

    /**
     * Tracks {@code symbol}'s 1d, waits for its job to complete, and checks it holds every session of its window the
     * recording has, with none missing, that its coverage names Stooq for all of it and its runs too (one per
     * slice), and that Yahoo was asked {@code yahooCalls} times.
     */
    private void assertCompletesFromStooq(String symbol, byte[] recording, int yahooCalls) {
        double yahooFailedBefore = yahooFailed();
        double yahooRefusedBefore = yahooRefused();
        ApiClient.Response tracked = api.post("/api/v1/tracking",
                "{\"symbols\":[\"" + symbol + "\"],\"source\":\"watchlist\",\"timeframes\":[\"1d\"]}");
        assertThat(tracked.status()).as("tracking %s: %s", symbol, tracked.body()).isEqualTo(200);
        String[] last = {""};
        Eventually.await(Duration.ofSeconds(30), () -> symbol + " 1d complete; last seen " + last[0], () -> {
            last[0] = daily(symbol).path("job_status").asString("");
            return last[0].equals("COMPLETE");
        });

        JsonNode coverage = daily(symbol);
        Instant windowStart = Instant.parse(coverage.get("window_start").asString());
        List<Map.Entry<Instant, Double>> expected = recordedSessions(recording, windowStart);
        assertThat(storedCloses(symbol)).as("%s's bars", symbol).containsExactlyElementsOf(expected);
        assertThat(coverage.get("bars").asLong()).isEqualTo(expected.size());
        assertThat(coverage.get("expected_bars").asLong()).as("%s: every expected session stored", symbol)
                .isEqualTo(expected.size());
        assertThat(coverage.get("missing_bars").asLong()).isZero();
        JsonNode providers = coverage.get("providers");
        assertThat(providers).as("%s's providers: %s", symbol, providers).hasSize(1);
        assertThat(providers.get(0).get("provider").asString()).isEqualTo("stooq");
        assertThat(Instant.parse(providers.get(0).get("start").asString())).isEqualTo(expected.getFirst().getKey());
        assertThat(Instant.parse(providers.get(0).get("end").asString()))
                .isEqualTo(expected.getLast().getKey().plus(Duration.ofDays(1)));
        assertThat(providers.get(0).get("bars").asLong()).isEqualTo(expected.size());

        assertThat(jdbc.sql("SELECT status || ' ' || provider FROM backfill_run WHERE symbol = ?")
                .param(symbol).query(String.class).list()).containsExactly("SUCCEEDED stooq", "SUCCEEDED stooq");
        // counted where every provider call goes through (WireMock may not log a request it never finished answering)
        assertThat(yahooFailed() - yahooFailedBefore).as("%s: failed Yahoo calls", symbol).isEqualTo(yahooCalls);
        assertThat(yahooRefused() - yahooRefusedBefore).as("%s: calls Yahoo's open circuit refused", symbol)
                .isEqualTo(SLICES - yahooCalls);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(DOWNLOAD))
                .withQueryParam("s", equalTo(symbol.toLowerCase(java.util.Locale.ROOT) + ".us")))).hasSize(SLICES);
    }

    /** Yahoo history calls that failed ({@code candlekeep_provider_requests_total}). */
    private double yahooFailed() {
        return meters.get("candlekeep.provider.requests").tags("provider", "yahoo", "kind", "history", "outcome", "failed")
                .counter().count();
    }

    /** Calls Yahoo's open circuit answered itself ({@code candlekeep_provider_circuit_refused_total}). */
    private double yahooRefused() {
        return meters.get("candlekeep.provider.circuit.refused").tags("provider", "yahoo").counter().count();
    }

    /** The 1d entry of the symbol's coverage, with gaps. */
    private JsonNode daily(String symbol) {
        for (JsonNode tf : api.get("/api/v1/symbols/" + symbol + "/coverage?gaps=true").json().get("timeframes")) {
            if (tf.get("timeframe").asString().equals("1d")) {
                return tf;
            }
        }
        throw new AssertionError(symbol + " has no 1d coverage");
    }

    /** The recording's days whose NYSE session opens in {@code [windowStart, APP_START)}: session open and close. */
    private static List<Map.Entry<Instant, Double>> recordedSessions(byte[] recording, Instant windowStart) {
        List<Map.Entry<Instant, Double>> sessions = new ArrayList<>();
        new String(recording, java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).forEach(line -> {
            String[] f = line.strip().split(",");
            MarketCalendars.nyse().session(LocalDate.parse(f[0])).map(s -> s.open())
                    .filter(open -> !open.isBefore(windowStart) && open.isBefore(APP_START))
                    .ifPresent(open -> sessions.add(Map.entry(open, Double.parseDouble(f[4]))));
        });
        return sessions;
    }

    private List<Map.Entry<Instant, Double>> storedCloses(String symbol) {
        List<Map.Entry<Instant, Double>> bars = new ArrayList<>();
        for (JsonNode b : api.get("/api/v1/bars/" + symbol + "?timeframe=1d").json().get("bars")) {
            bars.add(Map.entry(Instant.parse(b.get("start").asString()), b.get("close").asDouble()));
        }
        return bars;
    }

    private String circuit(String provider) {
        return api.get("/actuator/health").json().get("components").get("candlekeep").get("details")
                .get("provider_circuits").get(provider).asString();
    }

    /** Yahoo (circuit open) serves every class but macro in 15m, 1h, 1d; Stooq 1d of stocks, ETFs and indices, after Yahoo. */
    private static void assertProviders(JsonNode providers, JsonNode order) {
        assertThat(providers).hasSize(2);
        JsonNode yahoo = providers.get(0);
        assertThat(yahoo.get("name").asString()).isEqualTo("yahoo");
        assertThat(strings(yahoo.get("asset_classes"))).containsExactly("STOCK", "ETF", "INDEX", "FX", "CRYPTO");
        assertThat(strings(yahoo.get("timeframes"))).containsExactly("15m", "1h", "1d");
        assertThat(yahoo.get("circuit").asString()).isEqualTo("OPEN");
        JsonNode stooq = providers.get(1);
        assertThat(stooq.get("name").asString()).isEqualTo("stooq");
        assertThat(strings(stooq.get("asset_classes"))).containsExactly("STOCK", "ETF", "INDEX");
        assertThat(strings(stooq.get("timeframes"))).containsExactly("1d");
        assertThat(stooq.get("circuit").asString()).isEqualTo("CLOSED");
        for (String assetClass : List.of("STOCK", "ETF", "INDEX")) {
            assertThat(strings(order.get(assetClass))).as(assetClass).containsExactly("yahoo", "stooq");
        }
        assertThat(strings(order.get("FX"))).containsExactly("yahoo");
        assertThat(strings(order.get("CRYPTO"))).containsExactly("yahoo");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
