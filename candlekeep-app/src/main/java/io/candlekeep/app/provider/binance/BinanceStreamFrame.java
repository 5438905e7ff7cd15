package io.candlekeep.app.provider.binance;

/** One text frame of Binance's combined market stream, read but not yet matched to a subscription. */
public sealed interface BinanceStreamFrame {

    /**
     * A {@code kline} event.
     *
     * @param stream         the combined stream's name, {@code btcusdt@kline_15m}; null for a raw-stream frame
     * @param symbol         Binance's symbol, {@code BTCUSDT}
     * @param interval       Binance's interval, {@code 15m} or {@code 1M} (case matters)
     * @param eventTimeMillis when Binance sent it ({@code E})
     * @param closed         {@code k.x}: the kline's period is over and this is its final state
     */
    record KlineEvent(String stream, String symbol, String interval, long eventTimeMillis, BinanceKline kline,
            boolean closed) implements BinanceStreamFrame {
    }

    /** The answer to a SUBSCRIBE or UNSUBSCRIBE; {@code error} is null when it succeeded. */
    record Reply(Long id, String error) implements BinanceStreamFrame {
    }

    /** Binance is about to shut this server down: connect again at once. */
    record ServerShutdown(long eventTimeMillis) implements BinanceStreamFrame {
    }

    /** A well-formed event of another type, which a kline stream does not use. */
    record OtherEvent(String event) implements BinanceStreamFrame {
    }
}
