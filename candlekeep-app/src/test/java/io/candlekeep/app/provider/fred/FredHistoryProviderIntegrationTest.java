package io.candlekeep.app.provider.fred;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.candlekeep.app.macro.MacroSeries;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

final class FredHistoryProviderIntegrationTest {

    /** A key in FRED's form; FRED itself is never asked. */
    static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-20T12:00:00Z"), ZoneOffset.UTC);
    private static final Symbol CPI = Symbol.of("FRED:CPILFESL");
    private static final Symbol GDP = Symbol.of("FRED:GDP");
    private static final String SERIES = "/fred/series";
    private static final String OBSERVATIONS = "/fred/series/observations";

    private static WireMockServer server;

    private final List<MacroSeries> learned = new CopyOnWriteArrayList<>();
    private FredHistoryProvider provider;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        provider = provider(CLOCK, KEY);
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private FredHistoryProvider provider(Clock clock, String key) {
        FredProperties properties = FredProperties.defaults().withBaseUrl(URI.create(server.baseUrl())).withApiKey(key)
                .withRequestTimeout(Duration.ofSeconds(5));
        return new FredHistoryProvider(properties, clock, learned::add);
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private static void serveCpi() {
        server.stubFor(get(urlPathEqualTo(SERIES)).withQueryParam("series_id", equalTo("CPILFESL"))
                .willReturn(ok(Fixtures.bytes("fred", "series_CPILFESL.json"))));
        server.stubFor(get(urlPathEqualTo(OBSERVATIONS)).withQueryParam("series_id", equalTo("CPILFESL"))
                .willReturn(ok(Fixtures.bytes("fred", "series_observations_CPILFESL.json"))));
    }

    /**
     * GDP's description, hand-written in the form of the recorded {@code series_CPILFESL.json} (FRED's documented
     * {@code fred/series}, https://fred.stlouisfed.org/docs/api/fred/series.html); its observations are recorded.
     */
    private static void serveGdp() {
        server.stubFor(get(urlPathEqualTo(SERIES)).withQueryParam("series_id", equalTo("GDP")).willReturn(ok("""
                {"realtime_start":"2024-10-30","realtime_end":"2024-10-30","seriess":[{"id":"GDP",
                "title":"Gross Domestic Product","observation_start":"1947-01-01","observation_end":"2024-07-01",
                "frequency":"Quarterly","frequency_short":"Q","units":"Billions of Dollars",
                "last_updated":"2024-10-30 07:54:02-05"}]}""".getBytes())));
        server.stubFor(get(urlPathEqualTo(OBSERVATIONS)).withQueryParam("series_id", equalTo("GDP"))
                .willReturn(ok(Fixtures.bytes("fred", "series_observations_GDP.json"))));
    }

    /** The recorded values by date, {@code "."} left out, read straight from the JSON. */
    private static Map<LocalDate, Double> recorded(String file) {
        Map<LocalDate, Double> values = new TreeMap<>();
        for (JsonNode o : JsonMapper.shared().readTree(Fixtures.bytes("fred", file)).get("observations")) {
            if (!o.get("value").asString().equals(".")) {
                values.put(LocalDate.parse(o.get("date").asString()), Double.parseDouble(o.get("value").asString()));
            }
        }
        return values;
    }

    @Test
    void fetch_requests_carrySeriesIdKeyJsonAndTheRangesDates() {
        serveCpi();

        provider.fetch(CPI, Timeframe.D1, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));

        server.verify(1, getRequestedFor(urlPathEqualTo(SERIES)).withQueryParam("series_id", equalTo("CPILFESL"))
                .withQueryParam("api_key", equalTo(KEY)).withQueryParam("file_type", equalTo("json")));
        server.verify(1, getRequestedFor(urlPathEqualTo(OBSERVATIONS)).withQueryParam("series_id", equalTo("CPILFESL"))
                .withQueryParam("api_key", equalTo(KEY)).withQueryParam("file_type", equalTo("json"))
                .withQueryParam("observation_start", equalTo("2020-01-01"))
                // FRED's end is inclusive: the last date before the exclusive end
                .withQueryParam("observation_end", equalTo("2024-12-31")));
    }

    @Test
    void fetch_rangeStartingInsideADay_asksFromTheNextDate() {
        serveCpi();

        provider.fetch(CPI, Timeframe.D1, Instant.parse("2024-11-21T12:00:00Z"), Instant.parse("2025-01-20T12:00:00Z"));

        server.verify(getRequestedFor(urlPathEqualTo(OBSERVATIONS)).withQueryParam("observation_start",
                equalTo("2024-11-22")).withQueryParam("observation_end", equalTo("2025-01-20")));
    }

    @Test
    void fetch_cpilfeslMonthly_isOneFlatBarPerRecordedMonthInTheRange() {
        serveCpi();
        Map<LocalDate, Double> recorded = recorded("series_observations_CPILFESL.json");

        FetchOutcome outcome = provider.fetch(CPI, Timeframe.D1, day("2020-01-01"), day("2025-01-01"));

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        List<Bar> bars = ((FetchOutcome.Fetched) outcome).bars();
        assertThat(bars).hasSize(60);
        for (Bar bar : bars) {
            LocalDate date = LocalDate.ofInstant(bar.start(), ZoneOffset.UTC);
            assertThat(date.getDayOfMonth()).isEqualTo(1);
            double value = recorded.get(date);
            assertThat(List.of(bar.open(), bar.high(), bar.low(), bar.close())).as("OHLC of %s", date)
                    .containsOnly(value);
            assertThat(bar.volume()).isZero();
            // December 2024 ended on January 1, before the clock's January 20
            assertThat(bar.isFinal()).as("final %s", date).isTrue();
        }
        assertThat(bars.getLast().start()).isEqualTo(day("2024-12-01"));
    }

    @Test
    void fetch_periodNotOverYet_isNotFinal() {
        serveCpi();
        provider = provider(Clock.fixed(Instant.parse("2024-12-15T00:00:00Z"), ZoneOffset.UTC), KEY);

        List<Bar> bars = ((FetchOutcome.Fetched) provider.fetch(CPI, Timeframe.D1, day("2024-10-01"),
                day("2025-01-01"))).bars();

        assertThat(bars).extracting(Bar::isFinal).containsExactly(true, true, false);
    }

    @Test
    void fetch_firstFetchOfASeries_learnsItsFrequencyOnceAndSaysSo() {
        serveCpi();

        provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01"));
        provider.fetch(CPI, Timeframe.D1, day("2023-01-01"), day("2024-01-01"));

        server.verify(1, getRequestedFor(urlPathEqualTo(SERIES)));
        server.verify(2, getRequestedFor(urlPathEqualTo(OBSERVATIONS)));
        assertThat(learned).singleElement().satisfies(series -> {
            assertThat(series.symbol()).isEqualTo(CPI);
            assertThat(series.frequency()).contains(Frequency.MONTHLY);
            assertThat(series.units()).isEqualTo("Index 1982-1984=100");
            assertThat(series.title()).startsWith("Consumer Price Index");
            assertThat(series.lastUpdated()).contains(Instant.parse("2025-01-15T13:39:58Z"));
        });
    }

    @Test
    void fetch_descriptionNotKept_isAskedAgainAndTheBarsStillCome() {
        serveCpi();
        FredHistoryProvider failing = new FredHistoryProvider(FredProperties.defaults()
                .withBaseUrl(URI.create(server.baseUrl())).withApiKey(KEY), CLOCK, series -> {
                    throw new IllegalStateException("database down");
                });
        try {
            assertThat(failing.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                    .isInstanceOf(FetchOutcome.Fetched.class);
            failing.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01"));
        } finally {
            failing.close();
        }

        server.verify(2, getRequestedFor(urlPathEqualTo(SERIES)));
    }

    @Test
    void fetch_gdpWithMissingValues_skipsEachDotAndStoresNoZero() {
        serveGdp();

        FetchOutcome outcome = provider.fetch(GDP, Timeframe.D1, day("1946-01-01"), day("1948-01-01"));

        List<Bar> bars = ((FetchOutcome.Fetched) outcome).bars();
        // 1946's four quarters are "." in the recording: no bar, and never a 0
        assertThat(bars).extracting(Bar::start).containsExactly(day("1947-01-01"), day("1947-04-01"), day("1947-07-01"),
                day("1947-10-01"));
        assertThat(bars).allMatch(b -> b.close() > 0);
        assertThat(learned).singleElement().satisfies(s -> assertThat(s.frequency()).contains(Frequency.QUARTERLY));
    }

    @Test
    void fetch_onlyMissingValuesInRange_isNoDataThatCountsThem() {
        serveGdp();

        FetchOutcome outcome = provider.fetch(GDP, Timeframe.D1, day("1946-01-01"), day("1947-01-01"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NoData.class,
                n -> assertThat(n.reason()).contains("4 missing"));
    }

    @Test
    void fetch_rangeWithinOneDayAfterMidnight_isNoDataWithoutAsking() {
        serveCpi();
        provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2024-02-01"));
        server.resetRequests();

        FetchOutcome outcome = provider.fetch(CPI, Timeframe.D1, Instant.parse("2024-03-01T06:00:00Z"),
                Instant.parse("2024-03-01T18:00:00Z"));

        assertThat(outcome).isInstanceOf(FetchOutcome.NoData.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    // Hand-written in FRED's documented error form (https://fred.stlouisfed.org/docs/api/fred/errors.html).
    @Test
    void fetch_unknownSeries_isNotFound() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody("{\"error_code\":400,\"error_message\":\"Bad Request.  The series does not exist.\"}")));

        FetchOutcome outcome = provider.fetch(Symbol.of("FRED:NOSUCHSERIES"), Timeframe.D1, day("2024-01-01"),
                day("2025-01-01"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NotFound.class,
                n -> assertThat(n.reason()).contains("series does not exist"));
    }

    // Hand-written in FRED's documented error form (https://fred.stlouisfed.org/docs/api/fred/errors.html).
    @Test
    void fetch_keyRefused_isFailedAndNeverQuotesTheKey() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody(
                "{\"error_code\":400,\"error_message\":\"Bad Request.  The value for variable api_key is not registered.\"}")));

        FetchOutcome outcome = provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.reason()).contains("HTTP 400").contains("api_key is not registered").doesNotContain(KEY);
        });
    }

    // Hand-written: FRED's 429 (https://fred.stlouisfed.org/docs/api/fred/errors.html), here with a Retry-After.
    @Test
    void fetch_tooManyRequests_isRateLimitedWithRetryAfter() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20").withBody(
                "{\"error_code\":429,\"error_message\":\"Too Many Requests.  Exceeded Rate Limit\"}")));

        FetchOutcome outcome = provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01"));

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(20))));
    }

    @Test
    void fetch_tooManyRequestsWithoutRetryAfter_isRateLimitedWithoutAWait() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)));

        assertThat(provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.empty()));
    }

    @Test
    void fetch_serverError_isFailed() {
        serveCpi();
        server.stubFor(get(urlPathEqualTo(OBSERVATIONS)).willReturn(aResponse().withStatus(503).withBody("busy")));

        assertThat(provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                .isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.reason()).contains("HTTP 503"));
    }

    @Test
    void fetch_connectionReset_isFailedWithoutTheKey() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                .isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
                    assertThat(f.reason()).doesNotContain(KEY);
                    assertThat(f.cause()).isNull();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>maintenance</html>", "{\"observations\":[{\"date\":\"2024-01-01\",\"value\":\"x\"}]}"})
    void fetch_malformedObservations_isFailed(String body) {
        serveCpi();
        server.stubFor(get(urlPathEqualTo(OBSERVATIONS)).willReturn(ok(body.getBytes())));

        assertThat(provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                .isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.reason()).contains("Malformed"));
    }

    @Test
    void fetch_withoutKey_isFailedSayingAKeyIsNeededAndAsksNothing() {
        provider = provider(CLOCK, null);

        FetchOutcome outcome = provider.fetch(CPI, Timeframe.D1, day("2024-01-01"), day("2025-01-01"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("CANDLEKEEP_FRED_API_KEY"));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "BTC-USD", "FRED:A.B", "FRED:A-B"})
    void fetch_notAFredSeries_isNotFoundWithoutAsking(String symbol) {
        assertThat(provider.fetch(Symbol.of(symbol), Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                .isInstanceOf(FetchOutcome.NotFound.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void fetch_intradayTimeframe_isTheCallersMistake() {
        assertThatThrownBy(() -> provider.fetch(CPI, Timeframe.H1, day("2024-01-01"), day("2025-01-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1d only");
    }

    @Test
    void capabilities_rate_keepsTwoRequestsAFetchWithinTheLimitPerMinute() {
        assertThat(provider.capabilities().requestsPerSecond() * 60 * FredHistoryProvider.REQUESTS_PER_FETCH)
                .isEqualTo(FredProperties.MAX_REQUESTS_PER_MINUTE);
        assertThat(provider.capabilities().nativeTimeframes()).containsExactly(Timeframe.D1);
    }
}
