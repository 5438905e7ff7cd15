package io.candlekeep.core.provider;

import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The latest price of one symbol as a provider reported it.
 *
 * @param time          when the last trade happened (for a stock after the close: the close), not when it was fetched
 * @param dayOpen       the open of the trading day the quote belongs to, when the provider says
 * @param dayHigh       the high of that day so far, when the provider says
 * @param dayLow        the low of that day so far, when the provider says
 * @param dayVolume     the volume of that day so far, or {@code NaN} when unknown
 * @param previousClose the close of the trading day before, when the provider says
 * @param currency      ISO currency code such as {@code USD}, or null when unknown
 * @param marketState   the provider's word for the session state ({@code REGULAR}, {@code CLOSED}, ...), or null
 */
public record Quote(Symbol symbol, double price, Instant time, OptionalDouble dayOpen, OptionalDouble dayHigh,
        OptionalDouble dayLow, double dayVolume, OptionalDouble previousClose, String currency, String marketState) {

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(dayOpen, "dayOpen");
        Objects.requireNonNull(dayHigh, "dayHigh");
        Objects.requireNonNull(dayLow, "dayLow");
        Objects.requireNonNull(previousClose, "previousClose");
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("Quote of '" + symbol + "' at " + time + " has a non-finite price " + price);
        }
        if (!Double.isNaN(dayVolume) && !(dayVolume >= 0 && Double.isFinite(dayVolume))) {
            throw new IllegalArgumentException("Quote of '" + symbol + "' at " + time + " has day volume " + dayVolume
                    + "; it must be >= 0 or NaN");
        }
        requireFinite(symbol, "dayOpen", dayOpen);
        requireFinite(symbol, "dayHigh", dayHigh);
        requireFinite(symbol, "dayLow", dayLow);
        requireFinite(symbol, "previousClose", previousClose);
    }

    /** A quote with a price and a time only. */
    public static Quote of(Symbol symbol, double price, Instant time) {
        return new Quote(symbol, price, time, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                Double.NaN, OptionalDouble.empty(), null, null);
    }

    /** The day volume, when the provider said it. */
    public OptionalDouble findDayVolume() {
        return Double.isNaN(dayVolume) ? OptionalDouble.empty() : OptionalDouble.of(dayVolume);
    }

    private static void requireFinite(Symbol symbol, String name, OptionalDouble value) {
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("Quote of '" + symbol + "' has a non-finite " + name + " "
                    + value.getAsDouble());
        }
    }
}
