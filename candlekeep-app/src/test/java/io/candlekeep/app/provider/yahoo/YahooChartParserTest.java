package io.candlekeep.app.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.CorporateAction;
import io.candlekeep.core.provider.Listing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

final class YahooChartParserTest {

    private static final String AAPL_1D = "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json";
    private static final String AAPL_1M = "chart_AAPL_1m_2024-10-02_regular_only.json";
    private static final String BTC_1D = "chart_BTC-USD_1d_2020-01-01_2021-01-04_crypto_nullbars.json";
    private static final String MSFT_1D = "chart_MSFT_1d_2021-02-01_2022-01-31_div.json";

    private final YahooChartParser parser = new YahooChartParser();

    static List<Path> yahooFixtures() {
        return Fixtures.list("yahoo");
    }

    /** Every recorded file is either a chart, Yahoo's error form, or rejected cleanly; nothing else escapes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("yahooFixtures")
    void parse_everyRecordedFile_givesChartErrorOrCleanRejection(Path file) throws Exception {
        String name = file.getFileName().toString();
        byte[] body = Files.readAllBytes(file);

        if (name.startsWith("recorded_exchange_")) {
            JsonNode exchange = JsonMapper.shared().readTree(body);
            int status = exchange.path("response").path("status").asInt();
            JsonNode recorded = exchange.path("response").path("body");
            String inner = recorded.isString() ? recorded.asString() : recorded.toString();
            YahooChartResponse parsed = parser.parse(inner);
            if (status >= 400) {
                assertThat(parsed).isInstanceOf(YahooChartError.class);
                assertThat(((YahooChartError) parsed).description()).isNotBlank();
            } else {
                assertThat(parsed).isInstanceOf(YahooChart.class);
            }
        } else if (name.startsWith("chart_") && name.contains("_404_")) {
            assertThat(parser.parse(body)).isInstanceOfSatisfying(YahooChartError.class,
                    error -> assertThat(error.isNotFound()).isTrue());
        } else if (name.startsWith("chart_")) {
            assertChartIsConsistent(name, parser.parse(body));
        } else if (name.startsWith("quote_")) {
            assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(YahooChartFormatException.class)
                    .hasMessageContaining("Not a v8 chart body");
        } else {
            Throwable thrown = catchThrowable(() -> parser.parse(body));
            assertThat(thrown).as("an unknown fixture may be rejected, but only as a format error")
                    .satisfiesAnyOf(t -> assertThat(t).isNull(),
                            t -> assertThat(t).isInstanceOf(YahooChartFormatException.class));
        }
    }

    private static void assertChartIsConsistent(String fileName, YahooChartResponse parsed) {
        assertThat(parsed).isInstanceOf(YahooChart.class);
        YahooChart chart = (YahooChart) parsed;
        String[] parts = fileName.split("_");
        assertThat(chart.symbol()).isEqualTo(parts[1]);
        assertThat(chart.dataGranularity()).isEqualTo(parts[2]);
        assertThat(chart.exchangeZone()).isNotNull();
        for (int i = 1; i < chart.size(); i++) {
            assertThat(chart.timestamps()[i]).as("timestamp %d increases", i).isGreaterThan(chart.timestamps()[i - 1]);
        }
        for (int i = 0; i < chart.size(); i++) {
            if (!chart.isNullBar(i)) {
                assertThat(chart.low()[i]).isLessThanOrEqualTo(chart.high()[i]);
            }
        }
        assertThat(chart.actions()).isSortedAccordingTo((a, b) -> a.date().compareTo(b.date()));
    }

    @Test
    void parse_aapl2020Daily_has253BarsFourDividendsAndTheAugust2020Split() {
        YahooChart chart = chart(AAPL_1D);

        assertThat(chart.size()).isEqualTo(253);
        assertThat(chart.time(0)).isEqualTo(Instant.parse("2020-01-02T14:30:00Z"));
        assertThat(chart.time(252)).isEqualTo(Instant.parse("2020-12-31T14:30:00Z"));
        assertThat(chart.currency()).isEqualTo("USD");
        assertThat(chart.exchangeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(nullBarTimes(chart)).isEmpty();
        assertThat(chart.actions()).filteredOn(a -> a instanceof CorporateAction.Dividend).hasSize(4);
        assertThat(chart.actions()).filteredOn(a -> a instanceof CorporateAction.Split).singleElement()
                .isEqualTo(new CorporateAction.Split(Instant.parse("2020-08-31T13:30:00Z"), 4, 1));
        assertThat(chart.hasAdjClose()).isTrue();
        assertThat(chart.adjClose()).hasSize(253);
        // adjclose takes out the later dividends, so the first raw close is above its adjusted one
        assertThat(chart.adjClose()[0]).isLessThan(chart.close()[0]);
    }

    @Test
    void parse_aapl2020Daily_summerBarsStartAtTheEdtSessionOpen() {
        YahooChart chart = chart(AAPL_1D);

        List<Instant> july = IntStream.range(0, chart.size()).mapToObj(chart::time)
                .filter(t -> t.toString().startsWith("2020-07")).toList();

        assertThat(july).isNotEmpty().allSatisfy(t -> assertThat(t.toString()).endsWith("T13:30:00Z"));
    }

    @Test
    void parse_btcDaily_hasNullBarsExactlyAtTheFourRecordedDates() {
        YahooChart chart = chart(BTC_1D);

        assertThat(chart.size()).isEqualTo(370);
        assertThat(chart.exchangeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(nullBarTimes(chart)).containsExactly(Instant.parse("2020-04-17T00:00:00Z"),
                Instant.parse("2020-10-09T00:00:00Z"), Instant.parse("2020-10-12T00:00:00Z"),
                Instant.parse("2020-10-13T00:00:00Z"));
        int i = indexOf(chart, Instant.parse("2020-04-17T00:00:00Z"));
        assertThat(chart.volume()[i]).isNaN();
        assertThat(chart.adjClose()[i]).isNaN();
        assertThat(chart.actions()).isEmpty();
    }

    @Test
    void parse_aapl1m_hasOneNullBarAndTheBarYahooAppendsAfterPeriod2() {
        YahooChart chart = chart(AAPL_1M);
        Instant period2 = Instant.ofEpochSecond(1727913600);

        assertThat(chart.size()).isEqualTo(391);
        assertThat(nullBarTimes(chart)).containsExactly(Instant.parse("2024-10-02T15:15:00Z"));
        assertThat(chart.time(chart.size() - 1)).isEqualTo(Instant.parse("2024-10-03T20:00:00Z")).isAfter(period2);
        assertThat(chart.time(chart.size() - 2)).isBefore(period2);
        assertThat(chart.hasAdjClose()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chart_AAPL_1m_2025-02-01_weekend_no_bars.json",
            "chart_LUCYW_1d_2024-01-01_no_bars_null_currency.json"})
    void parse_bodiesWithoutTimestamps_haveNoBars(String fileName) {
        YahooChart chart = chart(fileName);

        assertThat(chart.isEmpty()).isTrue();
        assertThat(chart.open()).isEmpty();
        assertThat(chart.volume()).isEmpty();
        assertThat(chart.adjClose()).isNull();
    }

    @Test
    void parse_lucyw_hasNullCurrency() {
        assertThat(chart("chart_LUCYW_1d_2024-01-01_no_bars_null_currency.json").currency()).isNull();
    }

    @Test
    void parse_msftDaily_has252BarsAndFourDividends() {
        YahooChart chart = chart(MSFT_1D);

        assertThat(chart.size()).isEqualTo(252);
        assertThat(chart.actions()).hasSize(4).allSatisfy(a -> assertThat(a).isInstanceOf(CorporateAction.Dividend.class));
        assertThat(chart.hasAdjClose()).isTrue();
    }

    @Test
    void toListing_msftDailyMeta_namesTheCompanyItsExchangeCurrencyAndZone() {
        Listing listing = chart(MSFT_1D).toListing(Symbol.of("MSFT"));

        assertThat(listing).isEqualTo(new Listing(Symbol.of("MSFT"), "Microsoft Corporation", "NasdaqGS", "NMS", "USD",
                ZoneId.of("America/New_York"), AssetClass.STOCK));
    }

    @Test
    void toListing_aaplDailyMetaOfTheOlderLayout_hasNoNameButItsExchangeCodeAndKind() {
        Listing listing = chart(AAPL_1D).toListing(Symbol.of("AAPL"));

        assertThat(listing).isEqualTo(new Listing(Symbol.of("AAPL"), null, null, "NMS", "USD",
                ZoneId.of("America/New_York"), AssetClass.STOCK));
    }

    @Test
    void toListing_btcDailyMeta_isCryptoInUtc() {
        Listing listing = chart(BTC_1D).toListing(Symbol.of("BTC-USD"));

        assertThat(listing.assetClass()).isEqualTo(AssetClass.CRYPTO);
        assertThat(listing.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(listing.exchangeCode()).isEqualTo("CCC");
        assertThat(listing.currency()).isEqualTo("USD");
    }

    @Test
    void toListing_lucywMetaWithNullCurrency_keepsTheRest() {
        Listing listing = chart("chart_LUCYW_1d_2024-01-01_no_bars_null_currency.json").toListing(Symbol.of("LUCYW"));

        assertThat(listing.currency()).isNull();
        assertThat(listing.name()).isEqualTo("Innovative Eyewear, Inc.");
        assertThat(listing.exchange()).isEqualTo("NasdaqCM");
        assertThat(listing.exchangeCode()).isEqualTo("NCM");
    }

    @Test
    void parse_six404_givesNotFoundError() {
        YahooChartResponse parsed = parser.parse(Fixtures.bytes("yahoo", "chart_SIX_404_no_data_delisted.json"));

        assertThat(parsed).isEqualTo(new YahooChartError("Not Found", "No data found, symbol may be delisted"));
        assertThat(((YahooChartError) parsed).isNotFound()).isTrue();
    }

    @Test
    void parse_integerAndDecimalForms_giveTheSameValues() {
        String integers = body("[1700000000,1700003600]", "[236,1]", "[100,2]");
        String decimals = body("[1.7E9,1700003600.0]", "[236.0,1.0]", "[100.0,2.0]");

        YahooChart a = (YahooChart) parser.parse(integers);
        YahooChart b = (YahooChart) parser.parse(decimals);

        assertThat(a.timestamps()).containsExactly(b.timestamps());
        assertThat(a.open()).containsExactly(b.open());
        assertThat(a.volume()).containsExactly(b.volume());
        assertThat(a.open()[0]).isEqualTo(236.0);
    }

    @Test
    void parse_nullInsideArrays_becomesNaN() {
        YahooChart chart = (YahooChart) parser.parse(body("[1700000000,1700003600]", "[null,1]", "[null,2]"));

        assertThat(chart.isNullBar(0)).isTrue();
        assertThat(chart.volume()[0]).isNaN();
        assertThat(chart.isNullBar(1)).isFalse();
    }

    @Test
    void parse_arraysShorterThanTimestamps_isRejected() {
        assertThatThrownBy(() -> parser.parse(body("[1700000000,1700003600]", "[1]", "[2,3]")))
                .isInstanceOf(YahooChartFormatException.class).hasMessageContaining("open has 1 values but there are 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "<html>Will be right back</html>", "[]", "{\"chart\":{\"result\":[]}}",
            "{\"chart\":{\"result\":[{\"timestamp\":[\"x\"]}]}}"})
    void parse_malformedBodies_areRejectedAsFormatErrors(String body) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(YahooChartFormatException.class);
    }

    @Test
    void parse_splitWithOnlyARatioString_usesTheRatio() {
        String json = """
                {"chart":{"result":[{"meta":{"symbol":"X"},"events":{"splits":{"1598880600":{"date":1598880600,"splitRatio":"1/10"}}},
                "indicators":{"quote":[{}]}}],"error":null}}""";

        YahooChart chart = (YahooChart) parser.parse(json);

        assertThat(chart.actions()).containsExactly(new CorporateAction.Split(Instant.ofEpochSecond(1598880600), 1, 10));
    }

    private static String body(String timestamps, String open, String volume) {
        return """
                {"chart":{"result":[{"meta":{"symbol":"X","exchangeTimezoneName":"America/New_York","dataGranularity":"60m"},
                "timestamp":%s,"indicators":{"quote":[{"open":%s,"high":%s,"low":%s,"close":%s,"volume":%s}]}}],"error":null}}"""
                .formatted(timestamps, open, open, open, open, volume);
    }

    private YahooChart chart(String fileName) {
        YahooChartResponse parsed = parser.parse(Fixtures.bytes("yahoo", fileName));
        assertThat(parsed).as(fileName).isInstanceOf(YahooChart.class);
        return (YahooChart) parsed;
    }

    private static List<Instant> nullBarTimes(YahooChart chart) {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < chart.size(); i++) {
            if (chart.isNullBar(i)) {
                out.add(chart.time(i));
            }
        }
        return out;
    }

    private static int indexOf(YahooChart chart, Instant t) {
        for (int i = 0; i < chart.size(); i++) {
            if (chart.time(i).equals(t)) {
                return i;
            }
        }
        throw new AssertionError("No timestamp " + t + " in " + chart);
    }
}
