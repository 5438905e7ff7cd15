package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BinanceKlinesParserTest {

    /** Spot {@code GET /api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10}, 2021-10-22 23:03-23:12 UTC. */
    static final String KLINES_1M = "klines_BTCUSDT_1m_limit10_2021-10-22.json";

    private final BinanceKlinesParser parser = new BinanceKlinesParser();

    @Test
    void parseKlines_recordedBody_givesEveryRowWithItsFields() {
        List<BinanceKline> klines = parser.parseKlines(Fixtures.bytes("binance", KLINES_1M));

        assertThat(klines).hasSize(10);
        assertThat(klines.getFirst()).isEqualTo(new BinanceKline(1634943780000L, 60685.22, 60729.84, 60670.90, 60719.27,
                21.63272, 1634943839999L, 617));
        assertThat(klines.getLast()).isEqualTo(new BinanceKline(1634944320000L, 60739.85, 60739.85, 60739.85, 60739.85,
                0.04734, 1634944379999L, 7));
    }

    @Test
    void parseKlines_recordedBody_isOneMinuteKlinesInOrderWithoutGaps() {
        List<BinanceKline> klines = parser.parseKlines(Fixtures.bytes("binance", KLINES_1M));

        for (int i = 0; i < klines.size(); i++) {
            BinanceKline k = klines.get(i);
            assertThat(k.spanMillis()).as("span of kline %s", i).isEqualTo(60_000L);
            assertThat(k.openTimeMillis()).isEqualTo(klines.getFirst().openTimeMillis() + i * 60_000L);
            assertThat(k.low()).isLessThanOrEqualTo(Math.min(k.open(), k.close()));
            assertThat(k.high()).isGreaterThanOrEqualTo(Math.max(k.open(), k.close()));
        }
    }

    @Test
    void parseKlines_numbersInsteadOfStrings_areReadAlike() {
        List<BinanceKline> klines = parser.parseKlines(
                "[[1634943780000,60685.22,60729.84,60670.9,60719.27,21.63272,1634943839999,1313200.0,617,12.2,745719.4,0]]");

        assertThat(klines).containsExactly(new BinanceKline(1634943780000L, 60685.22, 60729.84, 60670.90, 60719.27,
                21.63272, 1634943839999L, 617));
    }

    @Test
    void parseKlines_emptyArray_isNoKlines() {
        assertThat(parser.parseKlines("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>502 Bad Gateway</html>", "[[1634943780000,\"60685.22\"", "{\"code\":-1121}",
            "[[1634943780000,\"60685.22\",\"60729.84\"]]", "[[\"x\",\"1\",\"1\",\"1\",\"1\",\"1\",1,\"1\",1,\"1\",\"1\",\"0\"]]",
            "[[1,\"abc\",\"1\",\"1\",\"1\",\"1\",1,\"1\",1,\"1\",\"1\",\"0\"]]",
            "[[1,\"NaN\",\"1\",\"1\",\"1\",\"1\",1,\"1\",1,\"1\",\"1\",\"0\"]]", "[null]", "[1,2]"})
    void parseKlines_garbage_isRejectedCleanly(String body) {
        assertThatThrownBy(() -> parser.parseKlines(body)).isInstanceOf(BinanceFormatException.class);
    }

    @Test
    void findError_invalidSymbolBody_isBinancesCodeAndMessage() {
        assertThat(parser.findError("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(e -> {
                    assertThat(e).isEqualTo(new BinanceError(-1121, "Invalid symbol."));
                    assertThat(e.isInvalidSymbol()).isTrue();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"msg\":\"no code\"}", "{\"code\":\"-1121\"}"})
    void findError_anythingElse_isEmpty(String body) {
        assertThat(parser.findError(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void findError_recordedKlines_isEmpty() {
        assertThat(parser.findError(Fixtures.bytes("binance", KLINES_1M))).isEmpty();
    }
}
