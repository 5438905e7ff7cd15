package io.candlekeep.app.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Yahoo's {@code /v1/finance/search} answer. No recorded search response exists in {@code ../shared/fixtures}, so the
 * bodies here are HAND-WRITTEN in the documented shape: {@code {"explains":[],"count":N,"quotes":[{"exchange":"NMS",
 * "shortname":"Alphabet Inc.","quoteType":"EQUITY","symbol":"GOOG","index":"quotes","score":597831,
 * "typeDisp":"Equity","longname":"Alphabet Inc.","isYahooFinance":true}, {"index":"5167b8...","name":"Google for
 * Startups","permalink":"google-for-entrepreneurs","isYahooFinance":false}],"news":[],"nav":[],"lists":[],...}}
 * (https://github.com/gadicc/yahoo-finance2/blob/devel/docs/modules/search.md), with {@code exchDisp} (the exchange as
 * Yahoo shows it: {@code NASDAQ}, {@code XETRA}) as Yahoo sends it beside {@code exchange}; quotes are listed in
 * Yahoo's order of relevance, and entries that are not listings (a company known from Crunchbase) carry
 * {@code "isYahooFinance":false} and no symbol. Errors come as {@code {"finance":{"result":null,"error":{...}}}}.
 */
final class YahooSearchParserTest {

    /** HAND-WRITTEN, in the documented shape above: the search for "apple". */
    static final String APPLE = """
            {"explains":[],"count":6,"quotes":[
              {"exchange":"NMS","shortname":"Apple Inc.","quoteType":"EQUITY","symbol":"AAPL","index":"quotes",
               "score":2035600.0,"typeDisp":"Equity","longname":"Apple Inc.","exchDisp":"NASDAQ","sector":"Technology",
               "industry":"Consumer Electronics","isYahooFinance":true},
              {"exchange":"GER","shortname":"APPLE INC","quoteType":"EQUITY","symbol":"APC.DE","index":"quotes",
               "score":20233.0,"typeDisp":"Equity","longname":"Apple Inc.","exchDisp":"XETRA","isYahooFinance":true},
              {"exchange":"NYQ","shortname":"Apple Hospitality REIT, Inc.","quoteType":"EQUITY","symbol":"APLE",
               "index":"quotes","score":20104.0,"typeDisp":"Equity","exchDisp":"NYSE","isYahooFinance":true},
              {"exchange":"CMX","shortname":"Apple Futures,Mar-2026","quoteType":"FUTURE","symbol":"APL=F",
               "index":"quotes","score":20011.0,"typeDisp":"Futures","exchDisp":"COMEX","isYahooFinance":true},
              {"exchange":"NAS","shortname":"Apple Growth Fund","quoteType":"MUTUALFUND","symbol":"APPLX",
               "index":"quotes","score":20001.0,"typeDisp":"Fund","exchDisp":"Nasdaq","isYahooFinance":true},
              {"index":"0b7a4a2e8b1d4a3c9f6e5d4c3b2a1f0e","name":"Apple Pie Capital","permalink":"apple-pie-capital",
               "isYahooFinance":false}],
             "news":[],"nav":[],"lists":[],"researchReports":[],"totalTime":21,"timeTakenForQuotes":415,
             "timeTakenForNews":0,"timeTakenForAlgowatchlist":400,"timeTakenForPredefinedScreener":400,
             "timeTakenForCrunchbase":400,"timeTakenForNav":400,"timeTakenForResearchReports":0}""";

    private final YahooSearchParser parser = new YahooSearchParser();

    @Test
    void parse_appleSearch_listsTheListingsInYahoosOrder_withNameAndExchange() {
        YahooSearchParser.Parsed parsed = parser.parse(APPLE);

        assertThat(parsed.error()).isEmpty();
        assertThat(parsed.listings()).containsExactly(
                new Listing(Symbol.of("AAPL"), "Apple Inc.", "NASDAQ", "NMS", null, null, AssetClass.STOCK),
                new Listing(Symbol.of("APC.DE"), "Apple Inc.", "XETRA", "GER", null, null, AssetClass.STOCK),
                new Listing(Symbol.of("APLE"), "Apple Hospitality REIT, Inc.", "NYSE", "NYQ", null, null,
                        AssetClass.STOCK));
        assertThat(parsed.skipped()).as("the future, the fund and the company without a listing").isEqualTo(3);
    }

    @Test
    void parse_eachQuoteType_isItsAssetClass_orSkippedWhenCandlekeepDoesNotServeIt() {
        // HAND-WRITTEN, in the documented shape (see the class comment)
        YahooSearchParser.Parsed parsed = parser.parse("""
                {"count":8,"quotes":[
                  {"exchange":"PCX","shortname":"SPDR S&P 500","quoteType":"ETF","symbol":"SPY","exchDisp":"NYSEArca"},
                  {"exchange":"SNP","shortname":"S&P 500","quoteType":"INDEX","symbol":"^GSPC","exchDisp":"S&P"},
                  {"exchange":"CCY","shortname":"EUR/USD","quoteType":"CURRENCY","symbol":"EURUSD=X","exchDisp":"CCY"},
                  {"exchange":"CCC","shortname":"Bitcoin USD","quoteType":"CRYPTOCURRENCY","symbol":"BTC-USD",
                   "exchDisp":"CCC"},
                  {"exchange":"NAS","shortname":"Vanguard 500 Index Admiral","quoteType":"MUTUALFUND","symbol":"VFIAX"},
                  {"exchange":"CMX","shortname":"Gold Apr 26","quoteType":"FUTURE","symbol":"GC=F"},
                  {"exchange":"OPR","shortname":"AAPL Jun 2026 200 call","quoteType":"OPTION",
                   "symbol":"AAPL260619C00200000"},
                  {"exchange":"XYZ","shortname":"No kind given","symbol":"NOKIND"}],"news":[]}""");

        assertThat(parsed.listings()).extracting(Listing::symbol, Listing::assetClass).containsExactly(
                tuple(Symbol.of("SPY"), AssetClass.ETF),
                tuple(Symbol.of("^GSPC"), AssetClass.INDEX),
                tuple(Symbol.of("EURUSD=X"), AssetClass.FX),
                tuple(Symbol.of("BTC-USD"), AssetClass.CRYPTO));
        assertThat(parsed.skipped()).isEqualTo(4);
    }

    @Test
    void parse_kindTheSymbolsFormDoesNotShow_orAnInvalidSymbol_isSkipped() {
        // HAND-WRITTEN, in the documented shape: a crypto pair quoted in CAD reads as a stock ticker
        YahooSearchParser.Parsed parsed = parser.parse("""
                {"quotes":[
                  {"exchange":"CCC","shortname":"Bitcoin CAD","quoteType":"CRYPTOCURRENCY","symbol":"BTC-CAD"},
                  {"exchange":"NMS","shortname":"Spaced Out","quoteType":"EQUITY","symbol":"SPACE OUT"},
                  {"exchange":"NMS","shortname":"No symbol","quoteType":"EQUITY"},
                  {"exchange":"NMS","shortname":"Microsoft Corporation","quoteType":"EQUITY","symbol":"msft",
                   "exchDisp":"NASDAQ"}]}""");

        assertThat(parsed.listings()).extracting(Listing::symbol).containsExactly(Symbol.of("MSFT"));
        assertThat(parsed.skipped()).isEqualTo(3);
    }

    @Test
    void parse_longnameMissing_takesTheShortname_andASymbolListedTwiceIsKeptOnce() {
        // HAND-WRITTEN, in the documented shape
        YahooSearchParser.Parsed parsed = parser.parse("""
                {"quotes":[
                  {"exchange":"NYQ","shortname":"Intl Business Machines","quoteType":"EQUITY","symbol":"IBM",
                   "exchDisp":"NYSE","isYahooFinance":true},
                  {"exchange":"NYQ","shortname":"IBM again","longname":"International Business Machines Corporation",
                   "quoteType":"EQUITY","symbol":"IBM","exchDisp":"NYSE","isYahooFinance":true}]}""");

        assertThat(parsed.listings()).extracting(Listing::name).containsExactly("Intl Business Machines");
        assertThat(parsed.skipped()).isEqualTo(1);
    }

    @Test
    void parse_nothingFound_isNoListing() {
        // HAND-WRITTEN, in the documented shape
        YahooSearchParser.Parsed parsed = parser.parse("""
                {"explains":[],"count":0,"quotes":[],"news":[],"nav":[],"lists":[],"researchReports":[]}""");

        assertThat(parsed.listings()).isEmpty();
        assertThat(parsed.skipped()).isZero();
        assertThat(parsed.error()).isEmpty();
    }

    @Test
    void parse_financeErrorForm_answersTheError() {
        // HAND-WRITTEN, in the error shape Yahoo's finance endpoints share
        YahooSearchParser.Parsed parsed = parser.parse("""
                {"finance":{"result":null,"error":{"code":"Bad Request","description":"Missing required query parameter=q"}}}""");

        assertThat(parsed.listings()).isEmpty();
        assertThat(parsed.error()).contains("Bad Request: Missing required query parameter=q");
    }

    @Test
    void parse_bodiesThatAreNotASearchAnswer_areRejected() {
        for (String body : List.of("{\"quotes\":", "[]", "{\"quotes\":{}}", "{\"count\":0}")) {
            assertThatThrownBy(() -> parser.parse(body)).as(body).isInstanceOf(YahooSearchFormatException.class);
        }
        assertThatThrownBy(() -> parser.parse(Fixtures.bytes("yahoo", "chart_SIX_404_no_data_delisted.json")))
                .isInstanceOf(YahooSearchFormatException.class).hasMessageContaining("chart");
    }
}
