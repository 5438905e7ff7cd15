package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BinanceStreamParserTest {

    /** Spot combined stream btcusdt@kline_1m, 2022-05-29 10:06 UTC, kline still open. */
    static final String SPOT_1M = "ws_kline_combined_btcusdt_1m_open_2022-05-29.json";
    /** USD-M futures combined stream btcusdt@kline_1M (monthly), kline still open. */
    static final String USDM_1MONTH = "ws_kline_combined_usdm_btcusdt_1M_open_2022-05-29.json";

    private final BinanceStreamParser parser = new BinanceStreamParser();

    @Test
    void parse_recordedSpotFrame_isItsKlineEvent() {
        BinanceStreamFrame frame = parser.parse(Fixtures.text("binance", SPOT_1M));

        assertThat(frame).isEqualTo(new BinanceStreamFrame.KlineEvent("btcusdt@kline_1m", "BTCUSDT", "1m", 1653818762502L,
                new BinanceKline(1653818760000L, 29038.46, 29038.47, 29038.46, 29038.47, 0.20926, 1653818819999L, 31),
                false));
    }

    @Test
    void parse_recordedFuturesMonthlyFrame_keepsTheCaseSensitiveInterval() {
        BinanceStreamFrame frame = parser.parse(Fixtures.text("binance", USDM_1MONTH));

        assertThat(frame).isEqualTo(new BinanceStreamFrame.KlineEvent("btcusdt@kline_1M", "BTCUSDT", "1M", 1653819041520L,
                new BinanceKline(1651363200000L, 37614.40, 40071.70, 26631.00, 29075.50, 13431981.671, 1654041599999L,
                        129025447L), false));
    }

    @Test
    void parse_rawStreamFrame_isTheEventWithoutAStreamName() {
        String raw = Fixtures.text("binance", SPOT_1M);
        String data = raw.substring(raw.indexOf("\"data\":") + 7, raw.length() - 1);

        assertThat(parser.parse(data)).isInstanceOfSatisfying(BinanceStreamFrame.KlineEvent.class,
                event -> assertThat(event.stream()).isNull());
    }

    @Test
    void parse_subscribeReply_isAReplyWithoutError() {
        assertThat(parser.parse("{\"result\":null,\"id\":7}")).isEqualTo(new BinanceStreamFrame.Reply(7L, null));
    }

    @Test
    void parse_errorReply_isAReplyWithBinancesMessage() {
        assertThat(parser.parse("{\"code\":2,\"msg\":\"Invalid request: unknown variant\",\"id\":3}"))
                .isEqualTo(new BinanceStreamFrame.Reply(3L, "2 Invalid request: unknown variant"));
    }

    @Test
    void parse_serverShutdown_isThatNotice() {
        assertThat(parser.parse("{\"e\":\"serverShutdown\",\"E\":1653818762502}"))
                .isEqualTo(new BinanceStreamFrame.ServerShutdown(1653818762502L));
    }

    @Test
    void parse_otherEvent_isNamedNotRejected() {
        assertThat(parser.parse("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\"}}"))
                .isEqualTo(new BinanceStreamFrame.OtherEvent("trade"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{}", "{\"stream\":\"x\",\"data\":{}}", "\"kline\"",
            "{\"e\":\"kline\",\"E\":1}", "{\"e\":\"kline\",\"E\":1,\"k\":{\"t\":1,\"T\":2,\"s\":\"BTCUSDT\",\"i\":\"15m\","
                    + "\"o\":\"abc\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1,\"x\":false}}",
            "{\"e\":\"kline\",\"E\":1,\"k\":{\"t\":1,\"T\":2,\"s\":\"BTCUSDT\",\"i\":\"15m\","
                    + "\"o\":\"1\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1,\"x\":\"no\"}}"})
    void parse_garbage_isRejectedCleanly(String text) {
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(BinanceFormatException.class);
    }
}
