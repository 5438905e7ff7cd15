package io.candlekeep.app.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.candlekeep.app.provider.yahoo.YahooProperties;
import io.candlekeep.app.provider.yahoo.YahooQuoteProvider;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.Symbol;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where {@code GET /api/v1/quotes} says a quote came from, with the Yahoo adapter against WireMock serving the
 * recorded v7 quotes. The recording of AAPL was taken on Washington's Birthday 2025 (a NYSE holiday): the market is
 * closed and the quote is Friday's close, stamped at it. Issue 16 saw {@code "source":"provider"} on calls spaced
 * more than the five-minute TTL apart, although such a quote cannot change before the market opens again.
 */
@Tag(TestStores.OWN_STORE)
final class YahooQuotesIntegrationTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BTC = Symbol.of("BTC-USD");
    /** Monday 2025-02-17 10:00 in New York: Washington's Birthday, no session. */
    private static final Instant HOLIDAY = Instant.parse("2025-02-17T15:00:00Z");
    /** Tuesday's open, 09:30 in New York. */
    private static final Instant NEXT_OPEN = Instant.parse("2025-02-18T14:30:00Z");

    private static WireMockServer yahoo;

    private final MutableClock clock = MutableClock.at(HOLIDAY);
    private YahooQuoteProvider provider;
    private LiveQuoteService quotes;

    @BeforeAll
    static void startServer() {
        yahoo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        yahoo.start();
    }

    @AfterAll
    static void stopServer() {
        yahoo.stop();
    }

    @BeforeEach
    void setUp() {
        yahoo.resetAll();
        yahoo.stubFor(get(urlPathEqualTo("/cookie")).willReturn(aResponse().withStatus(404)
                .withHeader("Set-Cookie", "A3=d=session; Path=/")));
        yahoo.stubFor(get(urlPathEqualTo("/v1/test/getcrumb")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("cRuMb")));
        provider = new YahooQuoteProvider(new YahooProperties(URI.create(yahoo.baseUrl()), "CandlekeepTest/1.0",
                Duration.ofSeconds(2), Duration.ofSeconds(10), 50, URI.create(yahoo.baseUrl() + "/cookie"), 50));
        quotes = new LiveQuoteService(new LiveCache(LiveProperties.defaults(), clock), provider);
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private void serve(String fixture) {
        yahoo.stubFor(get(urlPathEqualTo("/v7/finance/quote")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.bytes("yahoo", fixture))));
    }

    private LiveQuoteService.Source sourceOf(Symbol symbol) {
        LiveQuoteService.QuoteLookup lookup = quotes.lookup(List.of(symbol));
        assertThat(lookup.quotes()).as("quotes of %s: %s", symbol, lookup).hasSize(1);
        return lookup.quotes().getFirst().source();
    }

    private int quoteRequests() {
        return yahoo.findAll(getRequestedFor(urlPathEqualTo("/v7/finance/quote"))).size();
    }

    @Test
    void quotes_marketClosed_callsPastTheTtlAreAnsweredFromTheCacheUntilTheMarketOpens() {
        serve("quote_v7_AAPL_BABA.json");

        assertThat(sourceOf(AAPL)).isEqualTo(LiveQuoteService.Source.PROVIDER);
        clock.advance(Duration.ofMinutes(10));
        assertThat(sourceOf(AAPL)).as("ten minutes later, the market still closed").isEqualTo(LiveQuoteService.Source.CACHE);
        clock.set(NEXT_OPEN.minusSeconds(1));
        assertThat(sourceOf(AAPL)).as("a second before the open").isEqualTo(LiveQuoteService.Source.CACHE);
        assertThat(quoteRequests()).isEqualTo(1);

        clock.set(NEXT_OPEN);
        assertThat(sourceOf(AAPL)).as("at the open").isEqualTo(LiveQuoteService.Source.PROVIDER);
        assertThat(quoteRequests()).isEqualTo(2);
    }

    @Test
    void quotes_marketOpen_expireAfterTheTtl() {
        serve("quote_v7_AAPL_BABA.json");
        // the recorded quote is Friday's close: asked for on Friday a minute before the close, it is not yet the
        // close, and a quote of a trading market stays fresh for its TTL only
        clock.set(Instant.parse("2025-02-14T20:59:00Z"));

        assertThat(sourceOf(AAPL)).isEqualTo(LiveQuoteService.Source.PROVIDER);
        clock.advance(Duration.ofSeconds(299));
        assertThat(sourceOf(AAPL)).isEqualTo(LiveQuoteService.Source.CACHE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sourceOf(AAPL)).isEqualTo(LiveQuoteService.Source.PROVIDER);
        assertThat(quoteRequests()).isEqualTo(2);
    }

    @Test
    void quotes_crypto_tradesAroundTheClock_soItsQuoteExpiresAfterTheTtlOnAHolidayToo() {
        serve("quote_v7_BTC-USD.json");

        assertThat(sourceOf(BTC)).isEqualTo(LiveQuoteService.Source.PROVIDER);
        clock.advance(Duration.ofSeconds(299));
        assertThat(sourceOf(BTC)).isEqualTo(LiveQuoteService.Source.CACHE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sourceOf(BTC)).isEqualTo(LiveQuoteService.Source.PROVIDER);
        assertThat(quoteRequests()).isEqualTo(2);
    }
}
