package io.candlekeep.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ListingTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void constructor_blankParts_areUnknown() {
        Listing listing = new Listing(AAPL, " ", "", null, "\t", null, null);

        assertThat(listing.name()).isNull();
        assertThat(listing.exchange()).isNull();
        assertThat(listing.currency()).isNull();
        assertThat(listing.isEmpty()).isTrue();
    }

    @Test
    void constructor_nameLongerThanItsBound_isRefusedNamingIt() {
        String name = "N".repeat(Listing.MAX_NAME_LENGTH + 1);

        assertThatThrownBy(() -> new Listing(AAPL, name, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name").hasMessageContaining("AAPL")
                .hasMessageContaining(Integer.toString(Listing.MAX_NAME_LENGTH));
    }

    @Test
    void constructor_controlCharacterInAPart_isRefused() {
        assertThatThrownBy(() -> new Listing(AAPL, null, "NAS\nDAQ", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exchange");
    }

    @Test
    void reported_overlongOrUnprintableParts_areTakenAsUnknown_andTheRestKept() {
        Listing listing = Listing.reported(AAPL, "N".repeat(Listing.MAX_NAME_LENGTH + 1), "NAS\u0000DAQ", " NMS ",
                "USD", NEW_YORK, AssetClass.STOCK);

        assertThat(listing.name()).isNull();
        assertThat(listing.exchange()).isNull();
        assertThat(listing.exchangeCode()).isEqualTo("NMS");
        assertThat(listing.currency()).isEqualTo("USD");
        assertThat(listing.timeZone()).isEqualTo(NEW_YORK);
        assertThat(listing.assetClass()).isEqualTo(AssetClass.STOCK);
    }

    @ParameterizedTest(name = "{0} reported as {1}: fits {2}")
    @CsvSource({
            "AAPL,     STOCK,  true",
            "SPY,      ETF,    true",
            "^GSPC,    INDEX,  true",
            "EURUSD=X, FX,     true",
            "BTC-USD,  CRYPTO, true",
            "BTC-CAD,  CRYPTO, false",
            "AAPL,     CRYPTO, false",
            "^GSPC,    STOCK,  false",
            "BTC-USD,  ETF,    false"})
    void fits_reportedClassAgainstTheSymbolsForm(String symbol, AssetClass reported, boolean fits) {
        assertThat(Listing.fits(Symbol.of(symbol), reported)).isEqualTo(fits);
    }

    @Test
    void reported_classTheSymbolsFormDoesNotShow_isTakenAsUnknown() {
        Listing listing = Listing.reported(Symbol.of("BTC-CAD"), "Bitcoin CAD", null, "CCC", "CAD", null,
                AssetClass.CRYPTO);

        assertThat(listing.assetClass()).isNull();
        assertThat(listing.resolvedAssetClass()).isEqualTo(AssetClass.STOCK);
    }

    @Test
    void resolvedAssetClass_reportedEtf_isEtf_unknown_isTheSymbolsOwn() {
        assertThat(new Listing(Symbol.of("SPY"), null, null, null, null, null, AssetClass.ETF).resolvedAssetClass())
                .isEqualTo(AssetClass.ETF);
        assertThat(Listing.of(Symbol.of("BTC-USD")).resolvedAssetClass()).isEqualTo(AssetClass.CRYPTO);
    }

    @Test
    void constructor_classThatDoesNotFitTheSymbol_isRefused() {
        assertThatThrownBy(() -> new Listing(AAPL, null, null, null, null, null, AssetClass.FX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FX").hasMessageContaining("AAPL");
    }

    @Test
    void mergedWith_newerKnownParts_replaceOlder_unknownOnesKeepThem() {
        Listing fromSearch = new Listing(AAPL, "Apple Inc.", "NASDAQ", "NMS", null, null, AssetClass.STOCK);
        Listing fromQuote = new Listing(AAPL, "Apple Inc. (new)", null, null, "USD", NEW_YORK, null);

        Listing merged = fromSearch.mergedWith(fromQuote);

        assertThat(merged).isEqualTo(new Listing(AAPL, "Apple Inc. (new)", "NASDAQ", "NMS", "USD", NEW_YORK,
                AssetClass.STOCK));
    }

    @Test
    void mergedWith_sameExchangeCodeSpelledOtherwise_keepsTheExchangeNameFirstLearned() {
        // Yahoo's search shows NMS as NASDAQ, its quote and chart as NasdaqGS: one exchange, one name
        Listing fromSearch = new Listing(AAPL, "Apple Inc.", "NASDAQ", "NMS", null, null, null);
        Listing fromQuote = new Listing(AAPL, "Apple Inc.", "NasdaqGS", "NMS", "USD", null, null);

        assertThat(fromSearch.mergedWith(fromQuote).exchange()).isEqualTo("NASDAQ");
        assertThat(fromQuote.mergedWith(fromSearch).exchange()).isEqualTo("NasdaqGS");
    }

    @Test
    void mergedWith_anotherExchangeCode_takesItsName() {
        Listing before = new Listing(AAPL, null, "NYSE", "NYQ", null, null, null);
        Listing moved = new Listing(AAPL, null, "NasdaqGS", "NMS", null, null, null);

        Listing merged = before.mergedWith(moved);

        assertThat(merged.exchange()).isEqualTo("NasdaqGS");
        assertThat(merged.exchangeCode()).isEqualTo("NMS");
    }

    @Test
    void mergedWith_exchangeNameWithoutCode_fillsOnlyAnUnknownName() {
        Listing known = new Listing(AAPL, null, "NASDAQ", "NMS", null, null, null);
        Listing nameOnly = new Listing(AAPL, null, "NasdaqGS", null, null, null, null);

        assertThat(known.mergedWith(nameOnly).exchange()).isEqualTo("NASDAQ");
        assertThat(Listing.of(AAPL).mergedWith(nameOnly).exchange()).isEqualTo("NasdaqGS");
    }

    @Test
    void mergedWith_sameAnswerAgain_isEqual() {
        Listing listing = new Listing(AAPL, "Apple Inc.", "NASDAQ", "NMS", "USD", NEW_YORK, AssetClass.STOCK);

        assertThat(listing.mergedWith(listing)).isEqualTo(listing);
    }

    @Test
    void mergedWith_anotherSymbol_isRefused() {
        assertThatThrownBy(() -> Listing.of(AAPL).mergedWith(Listing.of(Symbol.of("MSFT"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AAPL").hasMessageContaining("MSFT");
    }
}
