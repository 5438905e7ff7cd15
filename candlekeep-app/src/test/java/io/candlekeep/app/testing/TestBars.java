package io.candlekeep.app.testing;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Bar builders for tests: consistent OHLCV values that differ per index and per {@code seed}. */
public final class TestBars {

    private TestBars() {
    }

    /** {@code count} consecutive bars of {@code timeframe} starting at {@code first}. */
    public static List<Bar> bars(Timeframe timeframe, Instant first, int count, boolean isFinal, double seed) {
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bars.add(bar(first.plusMillis(i * timeframe.millis()), seed + i, isFinal));
        }
        return bars;
    }

    public static List<Bar> bars(Timeframe timeframe, Instant first, int count) {
        return bars(timeframe, first, count, true, 100);
    }

    /** A bar whose close is {@code price}; open, high, low and volume follow from it. */
    public static Bar bar(Instant start, double price, boolean isFinal) {
        return Bar.of(start, price - 0.25, price + 1.5, price - 1.25, price, 1000 + price * 3, isFinal);
    }
}
