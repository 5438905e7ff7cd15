package io.candlekeep.app.provider.stooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Symbol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class StooqSymbolsTest {

    @ParameterizedTest
    @CsvSource({"AAPL, aapl.us", "QQQ, qqq.us", "BRK-B, brk-b.us", "TSM, tsm.us", "SAP.DE, sap.de", "VOD.L, vod.uk",
            "7203.T, 7203.jp", "0700.HK, 700.hk", "9988.HK, 9988.hk", "^GSPC, ^spx", "^DJI, ^dji", "^IXIC, ^ndq",
            "^NDX, ^ndx"})
    void findStooq_servedSymbol_isStooqsLowerCaseForm(String symbol, String stooq) {
        assertThat(StooqSymbols.findStooq(Symbol.of(symbol))).contains(stooq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTC-USD", "EURUSD=X", "FRED:DGS10", "RY.TO", "MC.PA", "ASML.AS", "BHP.AX", "NESN.SW",
            "BRK.B", "^VIX", "A_B"})
    void findStooq_notServed_isEmpty(String symbol) {
        assertThat(StooqSymbols.findStooq(Symbol.of(symbol))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"aapl.us, AAPL", "AAPL.US, AAPL", "brk-b.us, BRK-B", "sap.de, SAP.DE", "vod.uk, VOD.L",
            "7203.jp, 7203.T", "700.hk, 0700.HK", "9988.hk, 9988.HK", "^spx, ^GSPC", "^ndq, ^IXIC"})
    void findSymbol_stooqSymbol_isCandlekeepsForm(String stooq, String symbol) {
        assertThat(StooqSymbols.findSymbol(stooq)).contains(Symbol.of(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "BRK-B", "SAP.DE", "VOD.L", "7203.T", "0700.HK", "^GSPC", "^DJI"})
    void findSymbol_ofFindStooq_isTheSymbolAgain(String symbol) {
        String stooq = StooqSymbols.findStooq(Symbol.of(symbol)).orElseThrow();
        assertThat(StooqSymbols.findSymbol(stooq)).contains(Symbol.of(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aapl", "aapl.xx", "btcpln", "^zzz", "", ".us", "a a.us"})
    void findSymbol_unknownMarketOrNotAStooqSymbol_isEmpty(String stooq) {
        assertThat(StooqSymbols.findSymbol(stooq)).isEmpty();
    }
}
