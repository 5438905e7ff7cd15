package io.candlekeep.app.provider.yahoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.QuoteBatch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class YahooQuoteProviderIntegrationTest {

    private static final String USER_AGENT = "CandlekeepTest/1.0 (like a browser)";
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BABA = Symbol.of("BABA");

    private static WireMockServer server;

    private YahooQuoteProvider provider;

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
        provider = provider(50);
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private static YahooQuoteProvider provider(int batchSize) {
        YahooProperties properties = new YahooProperties(URI.create(server.baseUrl()), USER_AGENT, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 5, URI.create(server.baseUrl() + "/cookie"), batchSize);
        return new YahooQuoteProvider(properties);
    }

    private static void stubCrumb(String crumb) {
        server.stubFor(get(urlPathEqualTo("/cookie"))
                .willReturn(aResponse().withStatus(404).withHeader("Set-Cookie", "A3=session-1; Path=/")));
        server.stubFor(get(urlPathEqualTo("/v1/test/getcrumb"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(crumb)));
    }

    private static MappingBuilder quoteOf(String symbols) {
        return get(urlPathEqualTo("/v7/finance/quote")).withQueryParam("symbols", equalTo(symbols));
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A minimal v7 body quoting each symbol at 100 + its index. */
    private static byte[] body(String... symbols) {
        String entries = java.util.stream.IntStream.range(0, symbols.length)
                .mapToObj(i -> "{\"symbol\":\"" + symbols[i] + "\",\"regularMarketPrice\":" + (100 + i)
                        + ",\"regularMarketTime\":1739566800}")
                .collect(Collectors.joining(","));
        return ("{\"quoteResponse\":{\"result\":[" + entries + "],\"error\":null}}").getBytes();
    }

    @Test
    void quotes_twoSymbols_getCookieThenCrumbAndSendBoth() {
        stubCrumb("abcCRUMB1");
        server.stubFor(quoteOf("AAPL,BABA").willReturn(ok(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"))));

        QuoteBatch batch = provider.quotes(List.of(AAPL, BABA));

        assertThat(batch.failure()).isEmpty();
        assertThat(batch.quotes()).containsOnlyKeys(AAPL, BABA);
        assertThat(batch.quotes().get(AAPL).price()).isEqualTo(244.6);
        assertThat(batch.quotes().get(AAPL).time()).isEqualTo(Instant.ofEpochSecond(1739566800));
        assertThat(batch.quotes().get(BABA).previousClose()).hasValue(119.54);
        server.verify(1, getRequestedFor(urlPathEqualTo("/cookie")));
        server.verify(getRequestedFor(urlPathEqualTo("/v1/test/getcrumb"))
                .withHeader("User-Agent", equalTo(USER_AGENT))
                .withHeader("Cookie", containing("A3=session-1")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/v7/finance/quote"))
                .withQueryParam("crumb", equalTo("abcCRUMB1"))
                .withHeader("Cookie", containing("A3=session-1"))
                .withHeader("User-Agent", equalTo(USER_AGENT)));
        assertThat(server.getAllServeEvents().stream().map(e -> e.getRequest().getUrl())
                .filter(u -> u.startsWith("/v7")).toList()).singleElement().asString().contains("symbols=AAPL%2CBABA");
    }

    @Test
    void quotes_secondCall_reusesTheCrumb() {
        stubCrumb("crumb-once");
        server.stubFor(quoteOf("AAPL,BABA").willReturn(ok(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"))));

        provider.quotes(List.of(AAPL, BABA));
        QuoteBatch second = provider.quotes(List.of(AAPL, BABA));

        assertThat(second.quotes()).hasSize(2);
        server.verify(1, getRequestedFor(urlPathEqualTo("/v1/test/getcrumb")));
        server.verify(2, getRequestedFor(urlPathEqualTo("/v7/finance/quote")));
    }

    @Test
    void quotes_staleCrumbAnswered401_refreshesOnceAndSucceeds() {
        server.stubFor(get(urlPathEqualTo("/cookie")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlPathEqualTo("/v1/test/getcrumb")).inScenario("crumb").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("old")).willSetStateTo("renewed"));
        server.stubFor(get(urlPathEqualTo("/v1/test/getcrumb")).inScenario("crumb").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withStatus(200).withBody("new")));
        server.stubFor(quoteOf("AAPL,BABA").withQueryParam("crumb", equalTo("old")).willReturn(aResponse().withStatus(401)
                .withBody("{\"finance\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\",\"description\":\"Invalid Crumb\"}}}")));
        server.stubFor(quoteOf("AAPL,BABA").withQueryParam("crumb", equalTo("new"))
                .willReturn(ok(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"))));

        QuoteBatch batch = provider.quotes(List.of(AAPL, BABA));

        assertThat(batch.failure()).isEmpty();
        assertThat(batch.quotes()).containsOnlyKeys(AAPL, BABA);
        server.verify(2, getRequestedFor(urlPathEqualTo("/v1/test/getcrumb")));
        server.verify(2, getRequestedFor(urlPathEqualTo("/cookie")));
    }

    @Test
    void quotes_crumbRefusedTwice_failsAfterOneRefresh() {
        stubCrumb("never-good");
        server.stubFor(quoteOf("AAPL").willReturn(aResponse().withStatus(403)));

        QuoteBatch batch = provider.quotes(List.of(AAPL));

        assertThat(batch.quotes()).isEmpty();
        assertThat(batch.notFound()).isEmpty();
        assertThat(batch.failure()).hasValueSatisfying(f -> assertThat(f).contains("403").contains("fresh crumb"));
        server.verify(2, getRequestedFor(urlPathEqualTo("/v7/finance/quote")));
        server.verify(2, getRequestedFor(urlPathEqualTo("/v1/test/getcrumb")));
    }

    @Test
    void quotes_getcrumbFails_failsWithoutAskingForQuotes() {
        server.stubFor(get(urlPathEqualTo("/cookie")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlPathEqualTo("/v1/test/getcrumb")).willReturn(aResponse().withStatus(500)
                .withBody("<html>Will be right back</html>")));

        QuoteBatch batch = provider.quotes(List.of(AAPL));

        assertThat(batch.quotes()).isEmpty();
        assertThat(batch.failure()).hasValueSatisfying(f -> assertThat(f).contains("crumb").contains("HTTP 500"));
        server.verify(0, getRequestedFor(urlPathEqualTo("/v7/finance/quote")));
    }

    @Test
    void quotes_moreSymbolsThanTheBatchSize_areSplitIntoRequests() {
        provider.close();
        provider = provider(2);
        stubCrumb("c");
        server.stubFor(quoteOf("AAPL,MSFT").willReturn(ok(body("AAPL", "MSFT"))));
        server.stubFor(quoteOf("NVDA,BTC-USD").willReturn(ok(body("NVDA", "BTC-USD"))));
        server.stubFor(quoteOf("^GSPC").willReturn(ok(body("^GSPC"))));

        QuoteBatch batch = provider.quotes(symbols("AAPL", "MSFT", "NVDA", "BTC-USD", "^GSPC", "aapl"));

        assertThat(batch.failure()).isEmpty();
        assertThat(batch.quotes()).containsOnlyKeys(symbols("AAPL", "MSFT", "NVDA", "BTC-USD", "^GSPC"));
        assertThat(batch.quotes().get(Symbol.of("^GSPC")).price()).isEqualTo(100);
        server.verify(3, getRequestedFor(urlPathEqualTo("/v7/finance/quote")));
        assertThat(server.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList())
                .anySatisfy(u -> assertThat(u).contains("symbols=%5EGSPC&"));
    }

    @Test
    void quotes_rateLimited_failsAndAsksNoFurtherBatch() {
        provider.close();
        provider = provider(1);
        stubCrumb("c");
        server.stubFor(get(urlPathEqualTo("/v7/finance/quote")).willReturn(aResponse().withStatus(429)
                .withBody("Too Many Requests")));

        QuoteBatch batch = provider.quotes(symbols("AAPL", "MSFT", "NVDA"));

        assertThat(batch.quotes()).isEmpty();
        assertThat(batch.notFound()).isEmpty();
        assertThat(batch.failure()).hasValueSatisfying(f -> assertThat(f).contains("429").contains("2 further symbols"));
        server.verify(1, getRequestedFor(urlPathEqualTo("/v7/finance/quote")));
    }

    @Test
    void quotes_serverErrorInOneBatch_keepsTheOtherBatch() {
        provider.close();
        provider = provider(1);
        stubCrumb("c");
        server.stubFor(quoteOf("AAPL").willReturn(aResponse().withStatus(500)));
        server.stubFor(quoteOf("MSFT").willReturn(ok(body("MSFT"))));

        QuoteBatch batch = provider.quotes(symbols("AAPL", "MSFT"));

        assertThat(batch.quotes()).containsOnlyKeys(Symbol.of("MSFT"));
        assertThat(batch.unanswered(symbols("AAPL", "MSFT"))).containsExactly(AAPL);
        assertThat(batch.failure()).hasValueSatisfying(f -> assertThat(f).contains("HTTP 500").contains("[AAPL]"));
    }

    @Test
    void quotes_malformedJson_isAFailureNotAnException() {
        stubCrumb("c");
        server.stubFor(quoteOf("AAPL").willReturn(ok("{\"quoteResponse\":{\"result\":[{\"sym".getBytes())));

        QuoteBatch batch = provider.quotes(List.of(AAPL));

        assertThat(batch.quotes()).isEmpty();
        assertThat(batch.notFound()).isEmpty();
        assertThat(batch.failure()).hasValueSatisfying(f -> assertThat(f).contains("Malformed"));
    }

    @Test
    void quotes_bodyDribbledPastTheDeadline_isAFailureNotWaitedFor() {
        stubCrumb("c");
        // a chunk every 100 ms for 20 s (the body padded with JSON whitespace): each arrives well within the request
        // timeout, the whole body does not
        byte[] padded = (new String(body("AAPL")) + " ".repeat(4_000)).getBytes();
        server.stubFor(quoteOf("AAPL").willReturn(ok(padded).withChunkedDribbleDelay(200, 20_000)));
        YahooProperties properties = new YahooProperties(URI.create(server.baseUrl()), USER_AGENT, Duration.ofSeconds(2),
                Duration.ofSeconds(1), 5, URI.create(server.baseUrl() + "/cookie"), 50);
        QuoteBatch batch;

        try (YahooQuoteProvider impatient = new YahooQuoteProvider(properties)) {
            batch = impatient.quotes(List.of(AAPL));
        }

        assertThat(batch.quotes()).isEmpty();
        assertThat(batch.failure()).hasValueSatisfying(f -> assertThat(f).contains("in time"));
    }

    @Test
    void quotes_symbolMissingFromTheAnswer_isNotFound() {
        stubCrumb("c");
        server.stubFor(quoteOf("AAPL,BABA,NOSUCH").willReturn(ok(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"))));

        QuoteBatch batch = provider.quotes(symbols("AAPL", "BABA", "NOSUCH"));

        assertThat(batch.failure()).isEmpty();
        assertThat(batch.quotes()).containsOnlyKeys(AAPL, BABA);
        assertThat(batch.notFound()).containsExactly(Symbol.of("NOSUCH"));
    }

    @Test
    void quotes_macroSymbol_isNotFoundWithoutARequest() {
        QuoteBatch batch = provider.quotes(symbols("FRED:DGS10"));

        assertThat(batch.notFound()).containsExactly(Symbol.of("FRED:DGS10"));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void quotes_cryptoFixture_isQuoted() {
        stubCrumb("c");
        server.stubFor(quoteOf("BTC-USD").willReturn(ok(Fixtures.bytes("yahoo", "quote_v7_BTC-USD.json"))));

        QuoteBatch batch = provider.quotes(symbols("BTC-USD"));

        assertThat(batch.quotes().get(Symbol.of("BTC-USD")).price()).isEqualTo(96077.45);
        assertThat(batch.quotes().get(Symbol.of("BTC-USD")).marketState()).isEqualTo("REGULAR");
    }

    private static List<Symbol> symbols(String... texts) {
        return java.util.Arrays.stream(texts).map(Symbol::of).toList();
    }
}
