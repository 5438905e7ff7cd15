package io.candlekeep.app.provider.binance;

import java.time.Instant;

/**
 * Receives what a {@link BinanceKlineStream} reads. Callbacks come one at a time from the stream's connection thread,
 * so they should hand the work on rather than block; an exception thrown here is logged and the stream goes on.
 */
public interface KlineListener {

    /**
     * A kline update. Duplicates and forming updates out of order are passed on as they came (the consumer merges by
     * bar start); only updates older than the last final kline of their series are dropped.
     */
    void onKline(Kline kline);

    /**
     * The stream is connected and subscribed again after a connection was lost or replaced at {@code disconnectedAt}.
     * Updates sent in between, final klines among them, never arrive: fill the gap from REST.
     */
    default void onReconnected(Instant disconnectedAt) {
    }
}
