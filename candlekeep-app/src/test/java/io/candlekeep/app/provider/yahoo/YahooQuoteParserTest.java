package io.candlekeep.app.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class YahooQuoteParserTest {

    private final YahooQuoteParser parser = new YahooQuoteParser();

    @Test
    void parse_aaplBabaBody_readsEveryRegularMarketField() {
        YahooQuoteParser.Parsed parsed = parser.parse(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"));

        assertThat(parsed.error()).isEmpty();
        assertThat(parsed.quotes()).extracting(YahooQuote::symbol).containsExactly("AAPL", "BABA");
        YahooQuote aapl = parsed.quotes().getFirst();
        assertThat(aapl.price()).hasValue(244.6);
        assertThat(aapl.time()).isEqualTo(Instant.ofEpochSecond(1739566800));
        assertThat(aapl.open()).hasValue(241.07);
        assertThat(aapl.dayHigh()).hasValue(245.41);
        assertThat(aapl.dayLow()).hasValue(241.0);
        assertThat(aapl.volume()).hasValue(40896227);
        assertThat(aapl.previousClose()).hasValue(241.53);
        assertThat(aapl.currency()).isEqualTo("USD");
        assertThat(aapl.marketState()).isEqualTo("CLOSED");
        assertThat(aapl.exchangeZone()).isEqualTo(ZoneId.of("America/New_York"));
        YahooQuote baba = parsed.quotes().get(1);
        assertThat(baba.price()).hasValue(124.73);
        assertThat(baba.time()).isEqualTo(Instant.ofEpochSecond(1739566802));
        assertThat(baba.dayLow()).hasValue(120.495);
    }

    @Test
    void parse_btcBody_isACryptoQuoteInUtcDuringTheRegularSession() {
        YahooQuoteParser.Parsed parsed = parser.parse(Fixtures.bytes("yahoo", "quote_v7_BTC-USD.json"));

        YahooQuote btc = parsed.quotes().getFirst();
        assertThat(btc.symbol()).isEqualTo("BTC-USD");
        assertThat(btc.price()).hasValue(96077.45);
        assertThat(btc.time()).isEqualTo(Instant.parse("2025-02-17T10:53:00Z"));
        assertThat(btc.marketState()).isEqualTo("REGULAR");
        assertThat(btc.exchangeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(btc.volume()).hasValue(21228961792.0);
    }

    @Test
    void toQuote_aaplEntry_carriesDayFieldsAndPreviousClose() {
        YahooQuote aapl = parser.parse(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json")).quotes().getFirst();

        Quote quote = aapl.toQuote(Symbol.of("AAPL")).orElseThrow();

        assertThat(quote.symbol()).isEqualTo(Symbol.of("AAPL"));
        assertThat(quote.price()).isEqualTo(244.6);
        assertThat(quote.time()).isEqualTo(Instant.parse("2025-02-14T21:00:00Z"));
        assertThat(quote.dayOpen()).hasValue(241.07);
        assertThat(quote.dayVolume()).isEqualTo(40896227);
        assertThat(quote.previousClose()).hasValue(241.53);
        assertThat(quote.currency()).isEqualTo("USD");
    }

    @Test
    void toQuote_entryWithoutPrice_isEmpty() {
        YahooQuote entry = parser.parse("""
                {"quoteResponse":{"result":[{"symbol":"XYZ","regularMarketTime":1739566800}],"error":null}}""")
                .quotes().getFirst();

        assertThat(entry.price()).isEmpty();
        assertThat(entry.toQuote(Symbol.of("XYZ"))).isEmpty();
    }

    @Test
    void parse_formattedNumbers_takeTheRawValue() {
        YahooQuote entry = parser.parse("""
                {"quoteResponse":{"result":[{"symbol":"AAPL","regularMarketPrice":{"raw":244.6,"fmt":"244.60"},
                "regularMarketTime":{"raw":1739566800,"fmt":"4:00PM EST"},"regularMarketVolume":null}],"error":null}}""")
                .quotes().getFirst();

        assertThat(entry.price()).hasValue(244.6);
        assertThat(entry.time()).isEqualTo(Instant.ofEpochSecond(1739566800));
        assertThat(entry.volume()).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void parse_emptyResult_hasNoQuotes() {
        assertThat(parser.parse("{\"quoteResponse\":{\"result\":[],\"error\":null}}").quotes()).isEmpty();
    }

    @Test
    void toListing_aaplBabaEntries_nameTheCompaniesTheirExchangesCurrencyAndZone() {
        YahooQuoteParser.Parsed parsed = parser.parse(Fixtures.bytes("yahoo", "quote_v7_AAPL_BABA.json"));
        ZoneId newYork = ZoneId.of("America/New_York");

        assertThat(parsed.quotes().get(0).toListing(Symbol.of("AAPL"))).isEqualTo(new Listing(Symbol.of("AAPL"),
                "Apple Inc.", "NasdaqGS", "NMS", "USD", newYork, AssetClass.STOCK));
        assertThat(parsed.quotes().get(1).toListing(Symbol.of("BABA"))).isEqualTo(new Listing(Symbol.of("BABA"),
                "Alibaba Group Holding Limited", "NYSE", "NYQ", "USD", newYork, AssetClass.STOCK));
    }

    @Test
    void toListing_btcEntry_isACryptocurrency() {
        YahooQuote btc = parser.parse(Fixtures.bytes("yahoo", "quote_v7_BTC-USD.json")).quotes().getFirst();

        assertThat(btc.toListing(Symbol.of("BTC-USD"))).isEqualTo(new Listing(Symbol.of("BTC-USD"), "Bitcoin USD", "CCC",
                "CCC", "USD", ZoneId.of("UTC"), AssetClass.CRYPTO));
    }

    @Test
    void parse_financeErrorForm_answersTheError() {
        YahooQuoteParser.Parsed parsed = parser.parse("""
                {"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}""");

        assertThat(parsed.quotes()).isEmpty();
        assertThat(parsed.error()).contains("Unauthorized: Invalid Crumb");
    }

    @Test
    void parse_malformedJson_throwsQuotingTheStart() {
        assertThatThrownBy(() -> parser.parse("{\"quoteResponse\":{\"result\":[{"))
                .isInstanceOf(YahooQuoteFormatException.class).hasMessageContaining("Malformed JSON")
                .hasMessageContaining("quoteResponse");
    }

    @Test
    void parse_chartBody_isNotAQuoteBody() {
        assertThatThrownBy(() -> parser.parse(Fixtures.bytes("yahoo", "chart_SIX_404_no_data_delisted.json")))
                .isInstanceOf(YahooQuoteFormatException.class).hasMessageContaining("chart");
    }

    @Test
    void parse_priceAsText_throwsNamingFieldAndSymbol() {
        assertThatThrownBy(() -> parser.parse("""
                {"quoteResponse":{"result":[{"symbol":"AAPL","regularMarketPrice":"n/a"}],"error":null}}"""))
                .isInstanceOf(YahooQuoteFormatException.class).hasMessageContaining("regularMarketPrice")
                .hasMessageContaining("'AAPL'");
    }
}
