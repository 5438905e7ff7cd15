package io.candlekeep.core.domain;

import java.util.Objects;

/** One series: all bars of one symbol in one timeframe. Its text form is {@code AAPL:1h}. */
public record SeriesId(Symbol symbol, Timeframe timeframe) {

    public SeriesId {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
    }

    public static SeriesId of(Symbol symbol, Timeframe timeframe) {
        return new SeriesId(symbol, timeframe);
    }

    public static SeriesId of(String symbol, Timeframe timeframe) {
        return new SeriesId(Symbol.of(symbol), timeframe);
    }

    /** Parses the text form {@code SYMBOL:TF}; the symbol itself may contain colons ({@code FRED:DGS10:1d}). */
    public static SeriesId parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Invalid series id '" + text + "': expected SYMBOL:TIMEFRAME");
        }
        return new SeriesId(Symbol.of(text.substring(0, colon)), Timeframe.of(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return symbol.value() + ":" + timeframe.code();
    }
}
