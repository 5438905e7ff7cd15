package io.candlekeep.app.live;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.util.OptionalDouble;

/** How a quote changes the forming bar it falls in. Pure functions. */
final class FormingBars {

    private FormingBars() {
    }

    /**
     * The not-final bar of {@code timeframe} starting at {@code start} once {@code quote} is in it. With a stored
     * (not final) bar: its open, high and low widened to the price, close = price, its volume. Without one the
     * price opens the bar with no volume. A daily bar also takes the quote's day open, high, low and volume where
     * the provider gave them, since they cover the whole day.
     *
     * @param stored the stored bar at {@code start}, or null
     */
    static Bar merge(Bar stored, Quote quote, Timeframe timeframe, Instant start) {
        if (stored != null && stored.isFinal()) {
            throw new IllegalArgumentException("The bar at " + start + " of '" + quote.symbol() + "' " + timeframe
                    + " is final; a quote does not change it");
        }
        double price = quote.price();
        boolean daily = timeframe == Timeframe.D1;
        double open;
        double high;
        double low;
        double volume;
        if (stored != null) {
            open = stored.open();
            high = Math.max(stored.high(), price);
            low = Math.min(stored.low(), price);
            volume = stored.volume();
        } else {
            open = daily ? quote.dayOpen().orElse(price) : price;
            high = Math.max(open, price);
            low = Math.min(open, price);
            volume = 0;
        }
        if (daily) {
            high = max(high, quote.dayHigh());
            low = min(low, quote.dayLow());
            volume = quote.findDayVolume().orElse(volume);
        }
        return Bar.of(start, open, high, low, price, volume, false);
    }

    private static double max(double value, OptionalDouble other) {
        return other.isPresent() ? Math.max(value, other.getAsDouble()) : value;
    }

    private static double min(double value, OptionalDouble other) {
        return other.isPresent() ? Math.min(value, other.getAsDouble()) : value;
    }
}
