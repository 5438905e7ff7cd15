package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Symbol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class BinanceSymbolsTest {

    @ParameterizedTest
    @CsvSource({"BTC-USD, BTCUSDT", "ETH-USD, ETHUSDT", "BTC-EUR, BTCEUR", "ETH-BTC, ETHBTC", "SOL-USDC, SOLUSDC",
            "BTC-GBP, BTCGBP", "BTC-USDT, BTCUSDT"})
    void toBinance_cryptoPair_isBaseAndQuoteWithUsdAsTether(String symbol, String binance) {
        assertThat(BinanceSymbols.toBinance(Symbol.of(symbol))).isEqualTo(binance);
    }

    @ParameterizedTest
    @CsvSource({"BTCUSDT, BTC-USD", "btcusdt, BTC-USD", "BTCEUR, BTC-EUR", "ETHBTC, ETH-BTC", "SOLUSDC, SOL-USDC",
            "BTCGBP, BTC-GBP"})
    void findSymbol_binanceSymbol_isThePairWithTetherAsUsd(String binance, String symbol) {
        assertThat(BinanceSymbols.findSymbol(binance)).contains(Symbol.of(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTC-USD", "BTC-EUR", "ETH-BTC", "SOL-USDC"})
    void findSymbol_ofToBinance_isTheSymbolAgain(String symbol) {
        assertThat(BinanceSymbols.findSymbol(BinanceSymbols.toBinance(Symbol.of(symbol)))).contains(Symbol.of(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "EURUSD=X", "^GSPC", "FRED:DGS10", "BRK.B", "A.B-USD", "X_Y-EUR"})
    void findBinance_notACryptoPairBinanceCouldList_isEmpty(String symbol) {
        assertThat(BinanceSymbols.findBinance(Symbol.of(symbol))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTCXYZ", "USDT", "", "BTC-USDT", "btc usdt"})
    void findSymbol_unknownQuoteOrNotABinanceSymbol_isEmpty(String binance) {
        assertThat(BinanceSymbols.findSymbol(binance)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "EURUSD=X"})
    void toBinance_notACryptoPair_isRejectedQuotingIt(String symbol) {
        assertThatThrownBy(() -> BinanceSymbols.toBinance(Symbol.of(symbol)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + symbol + "'");
    }

    @ParameterizedTest
    @CsvSource({"BTC-USD, btcusdt", "ETH-EUR, etheur"})
    void streamName_isLowerCase(String symbol, String stream) {
        assertThat(BinanceSymbols.streamName(Symbol.of(symbol))).isEqualTo(stream);
    }
}
