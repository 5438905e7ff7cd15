package io.candlekeep.app.provider.yahoo;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One entry of a v7 quote body, as Yahoo sent it: the regular-session fields, any of which may be missing.
 *
 * @param symbol        Yahoo's spelling of the symbol
 * @param price         {@code regularMarketPrice}
 * @param time          {@code regularMarketTime} (epoch seconds in the body), or null
 * @param exchangeZone  {@code exchangeTimezoneName}, or null when absent or not a zone id
 * @param instrument    what the entry says of the instrument: name, exchange, kind
 */
public record YahooQuote(String symbol, OptionalDouble price, Instant time, OptionalDouble open, OptionalDouble dayHigh,
        OptionalDouble dayLow, OptionalDouble volume, OptionalDouble previousClose, String currency, String marketState,
        ZoneId exchangeZone, YahooInstrument instrument) {

    public YahooQuote {
        instrument = Objects.requireNonNullElse(instrument, YahooInstrument.UNKNOWN);
    }

    /** The quote of {@code symbol}, or empty when Yahoo sent no usable price or time for it. */
    public Optional<Quote> toQuote(Symbol symbol) {
        if (price.isEmpty() || time == null) {
            return Optional.empty();
        }
        double v = volume.isPresent() && volume.getAsDouble() >= 0 ? volume.getAsDouble() : Double.NaN;
        return Optional.of(new Quote(symbol, price.getAsDouble(), time, open, dayHigh, dayLow, v, previousClose,
                currency, marketState));
    }

    /** The listing of {@code symbol} (the one asked for) as this entry describes it. */
    public Listing toListing(Symbol symbol) {
        return instrument.toListing(symbol, currency, exchangeZone);
    }
}
