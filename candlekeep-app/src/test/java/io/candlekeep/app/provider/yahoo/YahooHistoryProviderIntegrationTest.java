package io.candlekeep.app.provider.yahoo;

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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class YahooHistoryProviderIntegrationTest {

    private static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant Y2021_JAN4 = Instant.parse("2021-01-04T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String USER_AGENT = "CandlekeepTest/1.0 (like a browser)";

    private static WireMockServer server;

    private YahooHistoryProvider provider;

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
        provider = provider(Duration.ofSeconds(10));
    }

    private static YahooHistoryProvider provider(Duration requestTimeout) {
        YahooProperties properties = new YahooProperties(URI.create(server.baseUrl()), USER_AGENT,
                Duration.ofSeconds(2), requestTimeout, 5);
        return new YahooHistoryProvider(properties, CLOCK);
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    @Test
    void fetch_request_carriesPeriodsIntervalEventsAndUserAgent() {
        stub(ok(Fixtures.bytes("yahoo", "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json")));

        provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        server.verify(1, getRequestedFor(urlPathEqualTo("/v8/finance/chart/AAPL"))
                .withQueryParam("period1", equalTo("1577836800"))
                .withQueryParam("period2", equalTo("1609718400"))
                .withQueryParam("interval", equalTo("1d"))
                .withQueryParam("includePrePost", equalTo("false"))
                .withQueryParam("events", equalTo("div|split"))
                .withHeader("User-Agent", equalTo(USER_AGENT)));
        assertThat(onlyRequest().getUrl()).contains("events=div%7Csplit");
    }

    @ParameterizedTest
    @CsvSource({"15m, 15m", "1h, 60m", "1d, 1d"})
    void fetch_eachNativeTimeframe_asksForYahoosInterval(String timeframe, String interval) {
        stub(ok(Fixtures.bytes("yahoo", "chart_AAPL_1m_2025-02-01_weekend_no_bars.json")));

        provider.fetch(Symbol.of("AAPL"), Timeframe.of(timeframe), Instant.parse("2025-02-01T00:00:00Z"),
                Instant.parse("2025-02-02T00:00:00Z"));

        server.verify(getRequestedFor(urlPathEqualTo("/v8/finance/chart/AAPL")).withQueryParam("interval", equalTo(interval)));
    }

    @ParameterizedTest
    @CsvSource({"^GSPC, /v8/finance/chart/%5EGSPC?", "EURUSD=X, /v8/finance/chart/EURUSD%3DX?",
            "BTC-USD, /v8/finance/chart/BTC-USD?", "BRK.B, /v8/finance/chart/BRK.B?"})
    void fetch_symbol_isUrlEncodedInThePath(String symbol, String expectedUrlStart) {
        stub(ok(Fixtures.bytes("yahoo", "chart_LUCYW_1d_2024-01-01_no_bars_null_currency.json")));

        provider.fetch(Symbol.of(symbol), Timeframe.D1, Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-01-02T00:00:00Z"));

        assertThat(onlyRequest().getUrl()).startsWith(expectedUrlStart);
    }

    @Test
    void fetch_aaplDailyBody_isFetchedWithEveryBarAndEveryAction() {
        stub(ok(Fixtures.bytes("yahoo", "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json")));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> {
            assertThat(fetched.bars()).hasSize(253).allSatisfy(bar -> assertThat(bar.isFinal()).isTrue());
            assertThat(fetched.actions()).hasSize(5);
        });
    }

    @Test
    void fetch_btcDailyBody_skipsNullBarsAndTheBarAtPeriod2() {
        stub(ok(Fixtures.bytes("yahoo", "chart_BTC-USD_1d_2020-01-01_2021-01-04_crypto_nullbars.json")));

        FetchOutcome outcome = provider.fetch(Symbol.of("BTC-USD"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> {
            assertThat(fetched.bars()).hasSize(370 - 4 - 1);
            assertThat(fetched.bars()).extracting(Bar::start).allSatisfy(t -> assertThat(t).isBefore(Y2021_JAN4));
        });
    }

    @Test
    void fetch_msftDailyBody_isFetchedWith252Bars() {
        stub(ok(Fixtures.bytes("yahoo", "chart_MSFT_1d_2021-02-01_2022-01-31_div.json")));

        FetchOutcome outcome = provider.fetch(Symbol.of("MSFT"), Timeframe.D1, Instant.parse("2021-02-01T00:00:00Z"),
                Instant.parse("2022-01-31T00:00:00Z"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                fetched -> assertThat(fetched.bars()).hasSize(252));
    }

    @Test
    void fetch_weekendBody_isNoData() {
        stub(ok(Fixtures.bytes("yahoo", "chart_AAPL_1m_2025-02-01_weekend_no_bars.json")));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.M15, Instant.parse("2025-02-01T00:00:00Z"),
                Instant.parse("2025-02-02T00:00:00Z"));

        assertThat(outcome).isInstanceOf(FetchOutcome.NoData.class);
    }

    @Test
    void fetch_six404Body_isNotFoundWithYahoosDescription() {
        stub(aResponse().withStatus(404).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(Fixtures.bytes("yahoo", "chart_SIX_404_no_data_delisted.json")));

        FetchOutcome outcome = provider.fetch(Symbol.of("SIX"), Timeframe.D1, Y2020, Instant.parse("2020-01-03T00:00:00Z"));

        assertThat(outcome).isEqualTo(new FetchOutcome.NotFound("No data found, symbol may be delisted"));
    }

    @Test
    void fetch_404WithoutAChartError_isFailedNotNotFound() {
        stub(aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<html>no such page</html>"));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 404"));
    }

    @Test
    void fetch_429WithRetryAfterSeconds_isRateLimitedForThatLong() {
        stub(aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("Too Many Requests"));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(30))));
    }

    @Test
    void fetch_429WithRetryAfterDate_isRateLimitedUntilThatDate() {
        stub(aResponse().withStatus(429).withHeader("Retry-After", "Sat, 01 Mar 2025 12:02:00 GMT"));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofMinutes(2))));
    }

    @Test
    void fetch_429WithoutRetryAfter_isRateLimitedWithoutADuration() {
        stub(aResponse().withStatus(429).withBody("Too Many Requests"));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(Optional.empty()));
    }

    @Test
    void fetch_500_isFailed() {
        stub(aResponse().withStatus(500).withBody("Will be right back"));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 500"));
    }

    @Test
    void fetch_malformedJson_isFailed() {
        stub(ok("{\"chart\":{\"result\":[{\"meta\":".getBytes()));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).contains("Malformed");
            assertThat(failed.cause()).isInstanceOf(YahooChartFormatException.class);
        });
    }

    @Test
    void fetch_answerSlowerThanTheRequestTimeout_isFailed() {
        stub(ok(Fixtures.bytes("yahoo", "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json")).withFixedDelay(3_000));
        FetchOutcome outcome;

        try (YahooHistoryProvider impatient = provider(Duration.ofMillis(300))) {
            outcome = impatient.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);
        }

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("in time"));
    }

    @Test
    void fetch_bodyDribbledPastTheDeadline_isFailedNotWaitedFor() {
        // a chunk every 100 ms for 20 s: each arrives well within the request timeout, the whole body does not
        stub(ok(Fixtures.bytes("yahoo", "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json"))
                .withChunkedDribbleDelay(200, 20_000));
        FetchOutcome outcome;

        try (YahooHistoryProvider impatient = provider(Duration.ofSeconds(1))) {
            outcome = impatient.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);
        }

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("in time"));
    }

    @Test
    void fetch_connectionResetByPeer_isFailed() {
        stub(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        FetchOutcome outcome = provider.fetch(Symbol.of("AAPL"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
    }

    @Test
    void fetch_macroSymbol_isNotFoundWithoutARequest() {
        FetchOutcome outcome = provider.fetch(Symbol.of("FRED:DGS10"), Timeframe.D1, Y2020, Y2021_JAN4);

        assertThat(outcome).isInstanceOf(FetchOutcome.NotFound.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void fetch_4h_isRejectedAsNotNative() {
        assertThatThrownBy(() -> provider.fetch(Symbol.of("AAPL"), Timeframe.H4, Y2020, Y2021_JAN4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4h");
    }

    @Test
    void capabilities_statesYahoosReach() {
        var caps = provider.capabilities();

        assertThat(caps.nativeTimeframes()).containsExactlyInAnyOrder(Timeframe.M15, Timeframe.H1, Timeframe.D1);
        assertThat(caps.lookbackOf(Timeframe.M15)).contains(Duration.ofDays(60));
        assertThat(caps.lookbackOf(Timeframe.H1)).contains(Duration.ofDays(730));
        assertThat(caps.lookbackOf(Timeframe.D1)).isEmpty();
        assertThat(caps.sourceOf(Timeframe.H4)).isEqualTo(Timeframe.H1);
        assertThat(caps.serves(AssetClass.MACRO)).isFalse();
        assertThat(caps.requestsPerSecond()).isEqualTo(5);
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    private static void stub(ResponseDefinitionBuilder response) {
        server.stubFor(get(anyUrl()).willReturn(response));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(getRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }
}
