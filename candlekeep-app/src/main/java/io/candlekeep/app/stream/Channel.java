package io.candlekeep.app.stream;

import io.candlekeep.core.domain.Timeframe;
import java.util.Optional;

/**
 * What a subscriber receives of a symbol: {@code quote} (every new quote), or {@code bar:<timeframe>} (the forming
 * bar as it changes, and each bar once, final, when it closes).
 *
 * @param timeframe the bars' timeframe, or null for quotes
 */
record Channel(Timeframe timeframe) {

    static final Channel QUOTE = new Channel(null);

    static Channel bar(Timeframe timeframe) {
        return new Channel(timeframe);
    }

    /** Parses {@code quote} or {@code bar:15m}, {@code bar:1h}, {@code bar:4h}, {@code bar:1d}. */
    static Channel of(String text) {
        if (text == null || text.length() > 16) {
            throw new IllegalArgumentException("Channel '" + text + "' is unknown: use quote, bar:15m, bar:1h, bar:4h or bar:1d");
        }
        if (text.equals("quote")) {
            return QUOTE;
        }
        if (text.startsWith("bar:")) {
            try {
                return bar(Timeframe.of(text.substring(4)));
            } catch (IllegalArgumentException e) {
                // the message below names every choice
            }
        }
        throw new IllegalArgumentException("Channel '" + text + "' is unknown: use quote, bar:15m, bar:1h, bar:4h or bar:1d");
    }

    Optional<Timeframe> findTimeframe() {
        return Optional.ofNullable(timeframe);
    }

    String code() {
        return timeframe == null ? "quote" : "bar:" + timeframe.code();
    }
}
