package io.candlekeep.app.provider.binance;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.util.Objects;

/**
 * One kline update from the stream, as a bar of a series Candlekeep keeps. Binance sends the forming kline about every
 * 2 s and then once more with {@code isFinal} when its period closed.
 *
 * @param symbol  the pair as it was subscribed ({@code BTC-USD}, not Binance's {@code BTCUSDT})
 * @param isFinal Binance's {@code k.x}; always the same as {@code bar.isFinal()}
 */
public record Kline(Symbol symbol, Timeframe timeframe, Bar bar, boolean isFinal) {

    public Kline {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(bar, "bar");
        if (bar.isFinal() != isFinal) {
            throw new IllegalArgumentException("isFinal " + isFinal + " disagrees with the bar's " + bar.isFinal()
                    + " for " + symbol + " " + timeframe + " at " + bar.start());
        }
    }
}
