package io.candlekeep.app.symbols;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.YahooAppTestBase;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/symbols?query=} and {@code GET /api/v1/symbols/{symbol}} in the running application, WireMock
 * standing in for Yahoo. There is no recorded search response in {@code ../shared/fixtures}: the search bodies here are
 * HAND-WRITTEN in the documented shape of Yahoo's {@code /v1/finance/search} answer
 * (https://github.com/gadicc/yahoo-finance2/blob/devel/docs/modules/search.md, with {@code exchDisp} as Yahoo sends it;
 * see {@code YahooSearchParserTest}). Quotes and charts are the recorded ones.
 */
final class SymbolSearchIntegrationTest extends YahooAppTestBase {

    private static final String SEARCH = "/v1/finance/search";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @DynamicPropertySource
    static void searchProperties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.providers.yahoo.cookie-url", () -> yahoo.baseUrl() + "/cookie");
        registry.add("candlekeep.symbols.search-timeout", () -> "1s");
        // the failures these tests ask for must not open the search's circuit for the tests after them
        registry.add("candlekeep.providers.resilience.sliding-window-size", () -> "100");
        registry.add("candlekeep.providers.resilience.minimum-number-of-calls", () -> "100");
    }

    @Autowired
    SymbolDirectory directory;

    @Autowired
    Clock clock;

    /** HAND-WRITTEN, in the documented shape of a search answer: one entry of {@code quotes}. */
    private static String entry(String symbol, String name, String exchange, String exchDisp, String quoteType) {
        return """
                {"exchange":"%s","shortname":"%s","quoteType":"%s","symbol":"%s","index":"quotes","score":20000.0,\
                "typeDisp":"Equity","longname":"%s","exchDisp":"%s","isYahooFinance":true}"""
                .formatted(exchange, name, quoteType, symbol, name, exchDisp);
    }

    /** HAND-WRITTEN, in the documented shape of a search answer: these entries in {@code quotes}, no news. */
    private static ResponseDefinitionBuilder searchAnswer(String... entries) {
        String body = """
                {"explains":[],"count":%d,"quotes":[%s],"news":[],"nav":[],"lists":[],"researchReports":[],\
                "totalTime":19,"timeTakenForQuotes":412,"timeTakenForNews":0}"""
                .formatted(entries.length, String.join(",", entries));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    private static void stubSearch(String q, ResponseDefinitionBuilder answer) {
        yahoo.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("q", equalTo(q)).willReturn(answer));
    }

    private static int searchesOf(String q) {
        return yahoo.findAll(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("q", equalTo(q))).size();
    }

    private ApiClient.Response search(String query) {
        return api.get("/api/v1/symbols?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private static List<String> symbols(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("symbols").forEach(s -> out.add(s.get("symbol").asString()));
        return out;
    }

    private static JsonNode match(JsonNode answer, String symbol) {
        for (JsonNode s : answer.get("symbols")) {
            if (s.get("symbol").asString().equals(symbol)) {
                return s;
            }
        }
        throw new AssertionError(symbol + " is not among " + answer);
    }

    /** Learns {@code listing} as a provider would report it, and waits until the directory's writer stored it. */
    private void store(Listing listing) {
        directory.learned(listing);
        Eventually.await(Duration.ofSeconds(10), listing.symbol() + " stored", () -> storedRows(listing.symbol()) == 1);
    }

    private int storedRows(Symbol symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM symbols WHERE symbol = ?").param(symbol.value()).query(Integer.class)
                .single();
    }

    private int rows(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    @Test
    void search_providerResultsMergedWithStoredOnes_exactTickerFirst_thenPrefix_thenName() {
        yahoo.stubFor(get(urlPathEqualTo(chartPath("AAPL"))).willReturn(ok(Fixtures.bytes("yahoo", AAPL_FIXTURE))));
        track("AAPL", "1d");
        awaitJobStatus("AAPL", "1d", "COMPLETE");
        // the chart's meta told the currency; the search will tell the name and the exchange's name
        Eventually.await(Duration.ofSeconds(10), "AAPL's currency learned from its chart",
                () -> directory.find(Symbol.of("AAPL")).map(e -> "USD".equals(e.listing().currency())).orElse(false));
        store(new Listing(Symbol.of("APPS"), "Digital Turbine, Inc.", "NASDAQ", "NCM", "USD", NEW_YORK,
                AssetClass.STOCK));
        store(new Listing(Symbol.of("XOM"), "Exxon Mobil Corporation", "NYSE", "NYQ", "USD", NEW_YORK,
                AssetClass.STOCK));
        // Yahoo's own order of relevance; the exact ticker comes last in it
        stubSearch("app", searchAnswer(
                entry("AAPL", "Apple Inc.", "NMS", "NASDAQ", "EQUITY"),
                entry("APPN", "Appian Corporation", "NMS", "NASDAQ", "EQUITY"),
                entry("APP", "AppLovin Corporation", "NMS", "NASDAQ", "EQUITY"),
                entry("APL=F", "Apple Futures", "CMX", "COMEX", "FUTURE")));

        ApiClient.Response r = search("app");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode answer = r.json();
        assertThat(answer.get("query").asString()).isEqualTo("app");
        assertThat(answer.get("partial").asBoolean()).isFalse();
        assertThat(answer.has("failure")).isFalse();
        assertThat(symbols(answer)).as("exact ticker, ticker prefixes (Yahoo's before stored), name")
                .containsExactly("APP", "APPN", "APPS", "AAPL");
        assertThat(answer.get("count").asInt()).isEqualTo(4);
        JsonNode aapl = match(answer, "AAPL");
        assertThat(aapl.get("name").asString()).isEqualTo("Apple Inc.");
        assertThat(aapl.get("exchange").asString()).isEqualTo("NASDAQ");
        assertThat(aapl.get("asset_class").asString()).isEqualTo("STOCK");
        assertThat(aapl.get("currency").asString()).as("stored from the chart, merged in").isEqualTo("USD");
        assertThat(aapl.get("tracked").asBoolean()).as("tracked by the caller").isTrue();
        assertThat(match(answer, "APPS").get("name").asString()).isEqualTo("Digital Turbine, Inc.");
        assertThat(match(answer, "APP").get("tracked").asBoolean()).isFalse();
        assertThat(yahoo.findAll(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("q", equalTo("app"))
                .withQueryParam("quotesCount", equalTo("10")).withQueryParam("newsCount", equalTo("0")))).hasSize(1);

        // what the search said is learned; the search itself is no interest in anything
        Eventually.await(Duration.ofSeconds(10), "APPN learned from the search", () -> storedRows(Symbol.of("APPN")) == 1);
        JsonNode appn = api.get("/api/v1/symbols/APPN").json();
        assertThat(appn.get("name").asString()).isEqualTo("Appian Corporation");
        assertThat(appn.get("exchange_code").asString()).isEqualTo("NMS");
        assertThat(storedRows(Symbol.of("APL=F"))).as("a future is no symbol Candlekeep serves").isZero();
        List<String> tracked = new ArrayList<>();
        api.get("/api/v1/tracking").json().get("symbols").forEach(s -> tracked.add(s.get("symbol").asString()));
        assertThat(tracked).doesNotContain("APP", "APPN", "APPS");
    }

    @Test
    void search_listsTheCallersOwnTrackedSymbols_neverAnotherUsers() {
        yahoo.stubFor(get(urlPathEqualTo(chartPath("BOBQ"))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(Fixtures.bytes("yahoo", "chart_SIX_404_no_data_delisted.json"))));
        stubSearch("bobq", searchAnswer());
        String bobToken = api.post("/api/v1/users", "{\"name\":\"bob\"}").json().get("token").asString();
        ApiClient bob = ApiClient.withToken(port, bobToken);
        assertThat(bob.post("/api/v1/tracking", "{\"symbols\":[\"BOBQ\"],\"source\":\"watchlist\",\"timeframes\":[\"1d\"]}")
                .status()).isEqualTo(200);

        JsonNode forBob = bob.get("/api/v1/symbols?query=bobq").json();
        JsonNode forAdmin = search("bobq").json();

        assertThat(symbols(forBob)).containsExactly("BOBQ");
        assertThat(match(forBob, "BOBQ").get("tracked").asBoolean()).isTrue();
        assertThat(symbols(forAdmin)).as("Bob's interest is his own").isEmpty();
    }

    @Test
    void search_limit_cutsTheRankedAnswer() {
        stubSearch("intc", searchAnswer(entry("INTC.MX", "Intel Corporation", "MEX", "Mexico", "EQUITY"),
                entry("INTC", "Intel Corporation", "NMS", "NASDAQ", "EQUITY")));

        JsonNode answer = api.get("/api/v1/symbols?query=intc&limit=1").json();

        assertThat(symbols(answer)).containsExactly("INTC");
    }

    @Test
    void search_providerDown_answersTheStoredSymbolsOnly_markedPartial() {
        store(new Listing(Symbol.of("ZBRA"), "Zebra Technologies Corporation", "NASDAQ", "NMS", "USD", NEW_YORK,
                AssetClass.STOCK));
        stubSearch("zebra", aResponse().withStatus(503).withBody("Service Unavailable"));
        stubSearch("Zebra", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        for (String query : List.of("zebra", "Zebra")) {
            ApiClient.Response r = search(query);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode answer = r.json();
            assertThat(answer.get("partial").asBoolean()).isTrue();
            assertThat(answer.get("failure").asString()).contains("stored symbols only");
            assertThat(symbols(answer)).containsExactly("ZBRA");
            assertThat(match(answer, "ZBRA").get("name").asString()).isEqualTo("Zebra Technologies Corporation");
        }
        assertThat(search("zebra").json().get("failure").asString()).as("a failed answer is not cached")
                .contains("HTTP 503");
        assertThat(searchesOf("zebra")).isEqualTo(2);
    }

    @Test
    void search_providerSlow_answersFromTheStoreWithinTheTimeout() {
        store(new Listing(Symbol.of("SLOW"), "Slowcoach Holdings", "NYSE", "NYQ", "USD", NEW_YORK, AssetClass.STOCK));
        stubSearch("slowcoach", searchAnswer(entry("SLWC", "Slowcoach Two", "NYQ", "NYSE", "EQUITY"))
                .withFixedDelay(10_000));
        long asked = System.nanoTime();

        JsonNode answer = search("slowcoach").json();

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered after the 1 s timeout, not the 10 s delay")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(answer.get("partial").asBoolean()).isTrue();
        assertThat(answer.get("failure").asString()).contains("did not answer");
        assertThat(symbols(answer)).containsExactly("SLOW");
    }

    @Test
    void search_sameQueryAgain_isAnsweredFromTheCacheWithoutAskingYahoo() {
        stubSearch("nvidia", searchAnswer(entry("NVDA", "NVIDIA Corporation", "NMS", "NASDAQ", "EQUITY")));

        JsonNode first = search("nvidia").json();
        JsonNode second = search("  NVIDIA ").json();

        assertThat(symbols(first)).containsExactly("NVDA");
        assertThat(symbols(second)).containsExactly("NVDA");
        assertThat(second.get("partial").asBoolean()).as("answered, from the cache").isFalse();
        assertThat(searchesOf("nvidia")).isEqualTo(1);
        assertThat(searchesOf("NVIDIA")).isZero();
    }

    @Test
    void search_badQueryOrLimit_is400ProblemJson_andAsksAndStoresNothing() {
        int searches = yahoo.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).size();
        int symbolRows = rows("symbols");
        int interest = rows("interest");

        for (String target : List.of("/api/v1/symbols", "/api/v1/symbols?query=", "/api/v1/symbols?query=%20%20",
                "/api/v1/symbols?query=" + "a".repeat(65), "/api/v1/symbols?query=apple%00",
                "/api/v1/symbols?query=app%0Ale", "/api/v1/symbols?query=apple&limit=0",
                "/api/v1/symbols?query=apple&limit=51", "/api/v1/symbols?query=apple&limit=ten",
                "/api/v1/symbols?query=apple&limit=-1")) {
            ApiClient.Response r = api.get(target);

            assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).as(target).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as(target).containsAnyOf("'query'", "'limit'");
        }
        assertThat(yahoo.findAll(getRequestedFor(urlPathEqualTo(SEARCH)))).hasSize(searches);
        assertThat(rows("symbols")).isEqualTo(symbolRows);
        assertThat(rows("interest")).isEqualTo(interest);
    }

    @Test
    void symbol_learnedFromAQuote_isAnsweredWithItsNameExchangeCurrencyAndZone() {
        yahoo.stubFor(get(urlPathEqualTo("/cookie"))
                .willReturn(aResponse().withStatus(404).withHeader("Set-Cookie", "A3=session-1; Path=/")));
        yahoo.stubFor(get(urlPathEqualTo("/v1/test/getcrumb"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("crumb-1")));
        yahoo.stubFor(get(urlPathEqualTo("/v7/finance/quote")).withQueryParam("symbols", equalTo("BABA"))
                .willReturn(ok(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"))));
        assertThat(api.get("/api/v1/symbols/BABA").status()).as("before any quote").isEqualTo(404);

        assertThat(api.get("/api/v1/quotes?symbols=BABA").json().get("count").asInt()).isEqualTo(1);

        Eventually.await(Duration.ofSeconds(10), "BABA stored", () -> storedRows(Symbol.of("BABA")) == 1);
        JsonNode baba = api.get("/api/v1/symbols/BABA").json();
        assertThat(baba.get("symbol").asString()).isEqualTo("BABA");
        assertThat(baba.get("name").asString()).isEqualTo("Alibaba Group Holding Limited");
        assertThat(baba.get("exchange").asString()).isEqualTo("NYSE");
        assertThat(baba.get("exchange_code").asString()).isEqualTo("NYQ");
        assertThat(baba.get("currency").asString()).isEqualTo("USD");
        assertThat(baba.get("time_zone").asString()).isEqualTo("America/New_York");
        assertThat(baba.get("asset_class").asString()).isEqualTo("STOCK");
        assertThat(baba.get("tracked").asBoolean()).isFalse();
        assertThat(Instant.parse(baba.get("updated_at").asString())).isAfterOrEqualTo(APP_START);
        assertThat(jdbc.sql("SELECT name, exchange_code, time_zone FROM symbols WHERE symbol = 'BABA'")
                .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)).single())
                .isEqualTo("Alibaba Group Holding Limited|NYQ|America/New_York");
    }

    @Test
    void symbol_learnedFromAChartsMeta_isAnswered_andTrackedByTheCaller() {
        yahoo.stubFor(get(urlPathEqualTo(chartPath("MSFT"))).willReturn(ok(Fixtures.bytes("yahoo",
                "chart_MSFT_1d_2021-02-01_2022-01-31_div.json"))));

        track("MSFT", "1d");

        Eventually.await(Duration.ofSeconds(20), "MSFT learned from its chart",
                () -> api.get("/api/v1/symbols/MSFT").json().path("name").asString("").equals("Microsoft Corporation"));
        JsonNode msft = api.get("/api/v1/symbols/MSFT").json();
        assertThat(msft.get("exchange_code").asString()).isEqualTo("NMS");
        assertThat(msft.get("currency").asString()).isEqualTo("USD");
        assertThat(msft.get("time_zone").asString()).isEqualTo("America/New_York");
        assertThat(msft.get("asset_class").asString()).isEqualTo("STOCK");
        assertThat(msft.get("tracked").asBoolean()).isTrue();
    }

    @Test
    void learned_sameListingAgain_writesNothing() {
        Listing listing = new Listing(Symbol.of("KO"), "The Coca-Cola Company", "NYSE", "NYQ", "USD", NEW_YORK,
                AssetClass.STOCK);
        store(listing);
        long written = updatedAt("KO");
        Eventually.await(Duration.ofSeconds(5), "the clock past the first write", () -> clock.millis() > written);

        directory.learned(listing);
        // the directory's one writer takes reports in order: once PEP is stored, KO's second report was handled
        store(new Listing(Symbol.of("PEP"), "PepsiCo, Inc.", "NASDAQ", "NMS", "USD", NEW_YORK, AssetClass.STOCK));

        assertThat(updatedAt("KO")).isEqualTo(written);
        directory.learned(Listing.of(Symbol.of("KO")));
        directory.learned(new Listing(Symbol.of("KO"), "Coca-Cola Co", null, null, null, null, null));
        Eventually.await(Duration.ofSeconds(10), "KO's new name stored", () -> updatedAt("KO") > written);
        JsonNode ko = api.get("/api/v1/symbols/KO").json();
        assertThat(ko.get("name").asString()).isEqualTo("Coca-Cola Co");
        assertThat(ko.get("exchange").asString()).as("kept from before").isEqualTo("NYSE");
    }

    private long updatedAt(String symbol) {
        return jdbc.sql("SELECT updated_at FROM symbols WHERE symbol = ?").param(symbol).query(Long.class).single();
    }

    @Test
    void symbol_unknown_is404ProblemJson_andAnInvalidOne400() {
        ApiClient.Response unknown = api.get("/api/v1/symbols/ZZZQX");
        ApiClient.Response invalid = api.get("/api/v1/symbols/A%24B");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("ZZZQX");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
    }
}
