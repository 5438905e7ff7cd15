package io.candlekeep.app.provider.binance;

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
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

final class BinanceHistoryProviderIntegrationTest {

    private static final String KLINES = "/api/v3/klines";
    private static final Symbol BTC = Symbol.of("BTC-USD");
    /** The recorded klines' day; the re-stamped 15m rows run 21:00 to 23:30 UTC. */
    private static final Instant T0 = Instant.parse("2021-10-22T21:00:00Z");
    private static final Instant T10 = T0.plus(Duration.ofMinutes(150));

    private static WireMockServer server;

    /** 23:20:20, inside the tenth 15m bar (23:15-23:30), 40 s before the minute ends. */
    private final MutableClock clock = MutableClock.at("2021-10-22T23:20:20Z");
    private BinanceHistoryProvider provider;

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
        provider = provider(BinanceProperties.defaults().withRequestTimeout(Duration.ofSeconds(10)));
    }

    private BinanceHistoryProvider provider(BinanceProperties properties) {
        return new BinanceHistoryProvider(properties.withBaseUrl(URI.create(server.baseUrl())), clock);
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    @Test
    void fetch_request_carriesSymbolIntervalInclusiveEndTimeAndTheLimit() {
        stub(ok("[]"));

        provider.fetch(BTC, Timeframe.M15, T0, T10);

        server.verify(1, getRequestedFor(urlPathEqualTo(KLINES))
                .withQueryParam("symbol", equalTo("BTCUSDT"))
                .withQueryParam("interval", equalTo("15m"))
                .withQueryParam("startTime", equalTo(Long.toString(T0.toEpochMilli())))
                .withQueryParam("endTime", equalTo(Long.toString(T10.toEpochMilli() - 1)))
                .withQueryParam("limit", equalTo("1000")));
    }

    @ParameterizedTest
    @CsvSource({"15m, 15m", "1h, 1h", "4h, 4h", "1d, 1d"})
    void fetch_eachTimeframe_asksForItsNativeInterval(String timeframe, String interval) {
        stub(ok("[]"));

        provider.fetch(Symbol.of("ETH-EUR"), Timeframe.of(timeframe), T0, T10);

        server.verify(getRequestedFor(urlPathEqualTo(KLINES)).withQueryParam("symbol", equalTo("ETHEUR"))
                .withQueryParam("interval", equalTo(interval)));
    }

    @Test
    void fetch_recordedRowsOnThe15mGrid_areBarsWithTheFormingOneNotFinal() {
        stub(ok(recordedRowsRestamped(T0, Timeframe.M15)));

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, T0, T10);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> {
            List<Bar> bars = fetched.bars();
            assertThat(bars).hasSize(10);
            assertThat(bars.getFirst()).isEqualTo(Bar.of(T0, 60685.22, 60729.84, 60670.90, 60719.27, 21.63272, true));
            for (int i = 0; i < bars.size(); i++) {
                assertThat(bars.get(i).start()).isEqualTo(T0.plus(Duration.ofMinutes(15L * i)));
            }
            assertThat(bars.subList(0, 9)).allMatch(Bar::isFinal);
            assertThat(bars.getLast().isFinal()).as("the 23:15 bar is still forming at 23:20").isFalse();
            assertThat(fetched.actions()).isEmpty();
        });
    }

    @Test
    void fetch_recordedOneMinuteBodyFor15m_isFailedAsTheWrongInterval() {
        stub(ok(Fixtures.bytes("binance", BinanceKlinesParserTest.KLINES_1M)));

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, Instant.parse("2021-10-22T23:00:00Z"),
                Instant.parse("2021-10-22T23:15:00Z"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("PT1M").contains("PT15M"));
    }

    @Test
    void fetch_moreThan1000Bars_isAskedPageByPageAndAnsweredWhole() {
        int total = 2500;
        Instant end = T0.plus(Timeframe.M15.duration().multipliedBy(total));
        clock.set(end.plus(Duration.ofHours(1)));
        for (int page = 0; page < 3; page++) {
            Instant from = T0.plus(Timeframe.M15.duration().multipliedBy(1000L * page));
            int rows = Math.min(1000, total - 1000 * page);
            server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("startTime", equalTo(Long.toString(from.toEpochMilli())))
                    .willReturn(ok(generatedRows(from, Timeframe.M15, rows))));
        }

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, T0, end);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, fetched -> {
            assertThat(fetched.bars()).hasSize(total);
            assertThat(fetched.bars().getFirst().start()).isEqualTo(T0);
            assertThat(fetched.bars().getLast().start()).isEqualTo(end.minus(Timeframe.M15.duration()));
            assertThat(fetched.bars()).allMatch(Bar::isFinal);
        });
        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo(KLINES)));
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.queryParameter("endTime").firstValue()).containsExactlyInAnyOrder(
                Long.toString(T0.plus(Duration.ofMinutes(15_000)).toEpochMilli() - 1),
                Long.toString(T0.plus(Duration.ofMinutes(30_000)).toEpochMilli() - 1),
                Long.toString(end.toEpochMilli() - 1));
    }

    @Test
    void fetch_laterPageFails_failsTheWholeRange() {
        Instant end = T0.plus(Timeframe.M15.duration().multipliedBy(1500));
        clock.set(end);
        server.stubFor(get(urlPathEqualTo(KLINES)).withQueryParam("startTime", equalTo(Long.toString(T0.toEpochMilli())))
                .willReturn(ok(generatedRows(T0, Timeframe.M15, 1000))));
        server.stubFor(get(urlPathEqualTo(KLINES)).atPriority(10).willReturn(aResponse().withStatus(502)));

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, T0, end);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 502"));
    }

    @Test
    void fetch_429WithRetryAfter_isRateLimitedAndSendsNothingUntilItHasPassed() {
        stub(aResponse().withStatus(429).withHeader("Retry-After", "7").withHeader("X-MBX-USED-WEIGHT-1M", "6001")
                .withBody("{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request weight per 1 MINUTE.\"}"));

        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(7))));
        clock.advance(Duration.ofSeconds(3));
        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(4))));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(KLINES)))).hasSize(1);

        server.resetAll();
        stub(ok("[]"));
        clock.advance(Duration.ofSeconds(64));
        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10)).isInstanceOf(FetchOutcome.NoData.class);
    }

    @Test
    void fetch_418Banned_isRateLimitedForTheBan() {
        stub(aResponse().withStatus(418).withHeader("Retry-After", "120")
                .withBody("{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1634944920000.\"}"));

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, T0, T10);

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(120))));
        clock.advance(Duration.ofSeconds(100));
        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(20))));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(KLINES)))).hasSize(1);
    }

    @Test
    void fetch_418WithoutRetryAfter_waitsTheShortestBan() {
        stub(aResponse().withStatus(418));

        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10))
                .isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofMinutes(2))));
    }

    @Test
    void fetch_usedWeightNearTheLimit_isRateLimitedForTheRestOfTheMinuteWithoutSending() {
        stub(ok("[]").withHeader("X-MBX-USED-WEIGHT-1M", "5399"));
        provider.fetch(BTC, Timeframe.M15, T0, T10);

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, T0, T10);

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(40))));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(KLINES)))).hasSize(1);

        clock.advance(Duration.ofSeconds(40));
        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10)).isInstanceOf(FetchOutcome.NoData.class);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(KLINES)))).hasSize(2);
    }

    @Test
    void fetch_usedWeightWithinTheBudget_keepsSending() {
        stub(ok("[]").withHeader("X-MBX-USED-WEIGHT-1M", "5397"));
        provider.fetch(BTC, Timeframe.M15, T0, T10);

        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10)).isInstanceOf(FetchOutcome.NoData.class);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(KLINES)))).hasSize(2);
    }

    @Test
    void fetch_invalidSymbol_isNotFound() {
        stub(aResponse().withStatus(400).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));

        FetchOutcome outcome = provider.fetch(Symbol.of("NOPE-USD"), Timeframe.D1, T0, T10);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NotFound.class,
                notFound -> assertThat(notFound.reason()).contains("NOPEUSDT").contains("Invalid symbol."));
    }

    @Test
    void fetch_otherBadRequest_isFailedWithBinancesMessage() {
        stub(aResponse().withStatus(400).withBody("{\"code\":-1120,\"msg\":\"Invalid interval.\"}"));

        assertThat(provider.fetch(BTC, Timeframe.D1, T0, T10)).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 400").contains("-1120 Invalid interval."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"<html><body>502 Bad Gateway</body></html>", "[[1634943780000,\"60685.22\"",
            "{\"code\":0,\"msg\":\"\"}", "[[1634943780000,\"abc\",\"1\",\"1\",\"1\",\"1\",1634944679999,\"1\",1,\"1\",\"1\",\"0\"]]"})
    void fetch_garbageBody_isFailed(String body) {
        stub(ok(body));

        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10)).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("Malformed Binance klines"));
    }

    @Test
    void fetch_serverError_isFailed() {
        stub(aResponse().withStatus(503).withBody("Service Unavailable"));

        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10)).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 503"));
    }

    @Test
    void fetch_bodyDribbledPastTheDeadline_isFailedNotWaitedFor() {
        // a chunk every 100 ms for 20 s: each arrives well within the request timeout, the whole body does not
        stub(ok(Fixtures.bytes("binance", BinanceKlinesParserTest.KLINES_1M)).withChunkedDribbleDelay(200, 20_000));
        FetchOutcome outcome;

        try (BinanceHistoryProvider impatient = provider(BinanceProperties.defaults()
                .withRequestTimeout(Duration.ofSeconds(1)))) {
            outcome = impatient.fetch(BTC, Timeframe.M15, T0, T10);
        }

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("in time"));
    }

    @Test
    void fetch_connectionResetByPeer_isFailed() {
        stub(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(provider.fetch(BTC, Timeframe.M15, T0, T10)).isInstanceOf(FetchOutcome.Failed.class);
    }

    @Test
    void fetch_klinesOutsideTheRangeOrOffTheGrid_areDropped() {
        // two rows before the range, one off the 15m grid, one inside
        Instant inside = T0.plus(Duration.ofMinutes(30));
        String body = "[" + row(T0.minus(Duration.ofMinutes(15)), Timeframe.M15, 100) + ","
                + row(T0.plus(Duration.ofMinutes(7)), Timeframe.M15, 100) + "," + row(inside, Timeframe.M15, 100) + "]";
        stub(ok(body));

        FetchOutcome outcome = provider.fetch(BTC, Timeframe.M15, T0, T10);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class,
                fetched -> assertThat(fetched.bars()).extracting(Bar::start).containsExactly(inside));
    }

    @Test
    void fetch_emptyAnswer_isNoData() {
        stub(ok("[]"));

        assertThat(provider.fetch(BTC, Timeframe.D1, T0, T10)).isInstanceOf(FetchOutcome.NoData.class);
    }

    @ParameterizedTest
    @CsvSource({"AAPL", "EURUSD=X", "^GSPC", "FRED:DGS10"})
    void fetch_notCrypto_isNotFoundWithoutARequest(String symbol) {
        assertThat(provider.fetch(Symbol.of(symbol), Timeframe.D1, T0, T10)).isInstanceOf(FetchOutcome.NotFound.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void fetch_reversedRange_isRejected() {
        assertThatThrownBy(() -> provider.fetch(BTC, Timeframe.D1, T10, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void capabilities_cryptoOnlyEveryTimeframeNativeAThousandBarsARequest(Timeframe timeframe) {
        var caps = provider.capabilities();

        assertThat(caps.assetClasses()).containsExactly(AssetClass.CRYPTO);
        assertThat(caps.isNative(timeframe)).isTrue();
        assertThat(caps.lookbackOf(timeframe)).isEmpty();
        assertThat(caps.maxRangeOf(timeframe)).isEqualTo(timeframe.duration().multipliedBy(1000));
        assertThat(provider.name()).isEqualTo("binance");
    }

    /**
     * The recorded 1m rows, every field as recorded except the open and close times, which are moved onto consecutive
     * {@code timeframe} periods from {@code start}: the recorded shape and prices, on a grid this provider keeps.
     */
    private static String recordedRowsRestamped(Instant start, Timeframe timeframe) {
        JsonNode recorded = JsonMapper.shared().readTree(Fixtures.bytes("binance", BinanceKlinesParserTest.KLINES_1M));
        ArrayNode rows = (ArrayNode) recorded;
        for (int i = 0; i < rows.size(); i++) {
            ArrayNode row = (ArrayNode) rows.get(i);
            long open = start.plus(timeframe.duration().multipliedBy(i)).toEpochMilli();
            row.set(0, JsonNodeFactory.instance.numberNode(open));
            row.set(6, JsonNodeFactory.instance.numberNode(open + timeframe.millis() - 1));
        }
        return rows.toString();
    }

    /** Hand-written rows in the recorded shape (12 fields, prices and volumes as strings), one per period. */
    private static String generatedRows(Instant start, Timeframe timeframe, int count) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(row(start.plus(timeframe.duration().multipliedBy(i)), timeframe, 60000 + i));
        }
        return out.append(']').toString();
    }

    private static String row(Instant open, Timeframe timeframe, double price) {
        long t = open.toEpochMilli();
        return "[" + t + ",\"" + price + "\",\"" + (price + 5) + "\",\"" + (price - 5) + "\",\"" + (price + 1)
                + "\",\"1.50000000\"," + (t + timeframe.millis() - 1) + ",\"90000.00000000\",42,\"0.70000000\","
                + "\"42000.00000000\",\"0\"]";
    }

    private static void stub(ResponseDefinitionBuilder response) {
        server.stubFor(get(anyUrl()).willReturn(response));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }
}
