package io.candlekeep.app.provider.stooq;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Stooq adapter against WireMock serving the recorded downloads ({@code shared/fixtures/stooq}) and, where marked,
 * hand-written bodies in the answers SOURCES.md documents.
 */
final class StooqHistoryProviderIntegrationTest {

    private static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant Y2021_JAN4 = Instant.parse("2021-01-04T00:00:00Z");
    private static final MarketCalendar NYSE = MarketCalendars.nyse();
    private static final String PATH = "/q/d/l/";

    private static WireMockServer server;

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private HttpClient http;
    private StooqHistoryProvider provider;

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
        http = HttpClient.newHttpClient();
        provider = provider(StooqProperties.defaults());
    }

    private StooqHistoryProvider provider(StooqProperties properties) {
        return new StooqHistoryProvider(properties.withBaseUrl(URI.create(server.baseUrl())), http, new StooqCsvParser(),
                clock, MarketCalendars::forSymbol);
    }

    @AfterEach
    void tearDown() {
        http.close();
    }

    private static void stub(String stooqSymbol, ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("s", equalTo(stooqSymbol)).willReturn(answer));
    }

    /** A 200 with a CSV body, as Stooq sends its downloads. */
    private static ResponseDefinitionBuilder csv(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/csv").withBody(body);
    }

    private static ResponseDefinitionBuilder text(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(body);
    }

    private FetchOutcome.Fetched fetched(FetchOutcome outcome) {
        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        return (FetchOutcome.Fetched) outcome;
    }

    /** The fixture's rows dated in {@code [from, to)}: date and close, as the file has them. */
    private static List<String[]> fixtureRows(String fixture, LocalDate from, LocalDate to) {
        return Fixtures.text("stooq", fixture).lines().skip(1).map(l -> l.strip().split(","))
                .filter(f -> !LocalDate.parse(f[0]).isBefore(from) && LocalDate.parse(f[0]).isBefore(to)).toList();
    }

    @Test
    void fetch_recordedDownload_isEveryDayInRangeAtItsSessionOpen() {
        stub("aapl.us", csv(Fixtures.bytes("stooq", "aapl_us_d.csv")));

        List<Bar> bars = fetched(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4)).bars();

        List<String[]> rows = fixtureRows("aapl_us_d.csv", LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 4));
        assertThat(bars).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            LocalDate date = LocalDate.parse(rows.get(i)[0]);
            assertThat(bars.get(i).start()).isEqualTo(NYSE.session(date).orElseThrow().open());
            assertThat(bars.get(i).close()).isEqualTo(Double.parseDouble(rows.get(i)[4]));
            assertThat(bars.get(i).isFinal()).isTrue();
        }
        // winter and summer: the session opens 14:30 UTC in January and 13:30 UTC in July
        assertThat(bars.getFirst().start()).isEqualTo(Instant.parse("2020-01-02T14:30:00Z"));
        assertThat(bars).extracting(Bar::start).contains(Instant.parse("2020-07-01T13:30:00Z"));
    }

    @Test
    void fetch_request_asksForTheRangesTradingDatesWithoutAKey() {
        stub("aapl.us", csv(Fixtures.bytes("stooq", "aapl_us_d.csv")));

        provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Instant.parse("2020-01-02T14:30:00Z"),
                Instant.parse("2020-02-03T14:30:00Z"));

        // [Jan 2 14:30 UTC, Feb 3 14:30 UTC) in New York: from Jan 2 through Feb 3 (its session opens at the end)
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("s", equalTo("aapl.us"))
                .withQueryParam("i", equalTo("d")).withQueryParam("d1", equalTo("20200102"))
                .withQueryParam("d2", equalTo("20200203")).withQueryParam("apikey", absent())
                .withHeader("User-Agent", equalTo(StooqProperties.DEFAULT_USER_AGENT)));
    }

    @Test
    void fetch_withApiKey_sendsItAsApikey() {
        stub("aapl.us", csv(Fixtures.bytes("stooq", "aapl_us_d.csv")));
        provider = provider(StooqProperties.defaults().withApiKey("k3y-for-tests"));

        provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("apikey", equalTo("k3y-for-tests")));
    }

    @ParameterizedTest
    @CsvSource({"^GSPC, %5Espx", "BRK-B, brk-b.us", "0700.HK, 700.hk", "VOD.L, vod.uk"})
    void fetch_symbol_asksForItsStooqSymbol(String symbol, String encoded) {
        server.stubFor(get(anyUrl()).willReturn(text("No data")));

        provider.fetch(Symbol.of(symbol), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(server.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getUrl()).startsWith(PATH + "?s=" + encoded + "&i=d&"));
    }

    @Test
    void fetch_lastRowBeforeItsSessionEnds_isNotFinal() {
        stub("qqq.us", csv(Fixtures.bytes("stooq", "qqq_us_d.csv")));
        clock.set(Instant.parse("2026-06-18T17:00:00Z"));

        List<Bar> bars = fetched(provider.fetch(Symbol.of("QQQ"), Timeframe.D1, Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-19T00:00:00Z"))).bars();

        assertThat(bars.getLast().start()).isEqualTo(NYSE.session(LocalDate.of(2026, 6, 18)).orElseThrow().open());
        assertThat(bars.getLast().isFinal()).isFalse();
        assertThat(bars.subList(0, bars.size() - 1)).allSatisfy(b -> assertThat(b.isFinal()).isTrue());
    }

    @Test
    void fetch_fractionalVolume_isKept() {
        stub("tsm.us", csv(Fixtures.bytes("stooq", "tsm_us_d.csv")));

        List<Bar> bars = fetched(provider.fetch(Symbol.of("TSM"), Timeframe.D1, Instant.parse("2005-02-25T00:00:00Z"),
                Instant.parse("2005-03-01T00:00:00Z"))).bars();

        assertThat(bars.getFirst().volume()).isEqualTo(9100614.9714937);
    }

    // Hand-written bodies in the answers SOURCES.md ("Stooq") documents: "No data" for an unknown symbol
    // (pandas-datareader#717), the daily hits limit with HTTP 200 (api-evangelist/stooq), an HTML page for a client
    // without an API key (pandas-datareader#1012).

    @ParameterizedTest
    @ValueSource(strings = {"No data", "", "Date,Open,High,Low,Close,Volume\r\n"})
    void fetch_noDataOverTradingDays_isNotFound(String body) {
        stub("zzzz.us", text(body));

        assertThat(provider.fetch(Symbol.of("ZZZZ"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isInstanceOf(FetchOutcome.NotFound.class);
    }

    @Test
    void fetch_noDataOverAWeekend_isNoData() {
        stub("aapl.us", text("No data"));

        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Instant.parse("2025-02-01T00:00:00Z"),
                Instant.parse("2025-02-03T00:00:00Z"))).isInstanceOf(FetchOutcome.NoData.class);
    }

    @Test
    void fetch_dailyHitsLimit_isRateLimitedAndAsksNothingMoreUntilTheNextWarsawDay() {
        stub("aapl.us", text("Exceeded the daily hits limit"));
        clock.set(Instant.parse("2025-03-01T20:00:00Z"));

        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.empty()));
        clock.set(Instant.parse("2025-03-01T22:59:59Z"));
        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isInstanceOf(FetchOutcome.RateLimited.class);
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));

        // midnight in Warsaw (UTC+1 in March)
        stub("aapl.us", csv(Fixtures.bytes("stooq", "aapl_us_d.csv")));
        clock.set(Instant.parse("2025-03-01T23:00:00Z"));
        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isInstanceOf(FetchOutcome.Fetched.class);
        server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void fetch_htmlPageWithoutApiKey_isFailedNamingTheKey() {
        stub("aapl.us", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body>Get your apikey</body></html>"));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(((FetchOutcome.Failed) outcome).reason()).contains("HTML page")
                .contains("candlekeep.providers.stooq.api-key");
    }

    @Test
    void fetch_http503_isFailed() {
        stub("aapl.us", aResponse().withStatus(503).withBody("busy"));

        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isInstanceOf(FetchOutcome.Failed.class);
    }

    @Test
    void fetch_connectionReset_isFailed() {
        stub("aapl.us", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isInstanceOf(FetchOutcome.Failed.class);
    }

    @Test
    void fetch_slowerThanTheRequestTimeout_isFailed() {
        stub("aapl.us", csv(Fixtures.bytes("stooq", "aapl_us_d.csv")).withFixedDelay(1_500));
        provider = provider(StooqProperties.defaults().withRequestTimeout(Duration.ofMillis(300)));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(((FetchOutcome.Failed) outcome).reason()).contains("in time");
    }

    @Test
    void fetch_http429WithRetryAfter_isRateLimitedForThatLong() {
        stub("aapl.us", aResponse().withStatus(429).withHeader("Retry-After", "7"));

        assertThat(provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(7))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RY.TO", "BTC-USD", "EURUSD=X", "FRED:DGS10", "^VIX"})
    void fetch_symbolStooqIsNotAskedFor_isNotFoundWithoutARequest(String symbol) {
        assertThat(provider.fetch(Symbol.of(symbol), Timeframe.D1, Y2020, Y2021_JAN4))
                .isInstanceOf(FetchOutcome.NotFound.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void fetch_intradayTimeframe_isTheCallersMistake() {
        assertThatThrownBy(() -> provider.fetch(Symbol.of("AAPL"), Timeframe.H1, Y2020, Y2021_JAN4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1d only");
    }

    @Test
    void capabilities_areDailyStocksEtfsAndIndicesAtThePoliteRate() {
        assertThat(provider.capabilities().nativeTimeframes()).containsExactly(Timeframe.D1);
        assertThat(provider.capabilities().assetClasses()).extracting(Enum::name)
                .containsExactlyInAnyOrder("STOCK", "ETF", "INDEX");
        assertThat(provider.capabilities().requestsPerSecond()).isEqualTo(1.0);
    }
}
