package io.candlekeep.app.symbols;

import io.candlekeep.app.macro.MacroSeriesCatalog;
import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.calendar.PeriodCalendar;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The calendar of each symbol, which planning, coverage, gaps, the live refresh and health follow: a macro series whose
 * frequency is known gets that frequency's calendar ({@link MarketCalendars#macro}: one point per period), everything
 * else {@link MarketCalendars#forSymbol}. Cheap: the frequencies are held in memory ({@link MacroSeriesCatalog}).
 */
@Component
public class SymbolCalendars {

    private static final SymbolCalendars STANDARD = new SymbolCalendars(symbol -> Optional.empty());

    private final Function<Symbol, Optional<Frequency>> frequencies;

    @Autowired
    SymbolCalendars(MacroSeriesCatalog catalog) {
        this(catalog::findFrequency);
    }

    /** @param frequencies the native frequency of a macro series, empty while unknown */
    public SymbolCalendars(Function<Symbol, Optional<Frequency>> frequencies) {
        this.frequencies = Objects.requireNonNull(frequencies, "frequencies");
    }

    /** Every symbol on {@link MarketCalendars#forSymbol}, macro series on weekdays: for tests and tools. */
    public static SymbolCalendars standard() {
        return STANDARD;
    }

    public MarketCalendar of(Symbol symbol) {
        return findFrequency(symbol).<MarketCalendar>map(MarketCalendars::macro)
                .orElseGet(() -> MarketCalendars.forSymbol(symbol));
    }

    /** The native frequency of a macro series, once known; empty for every other symbol. */
    public Optional<Frequency> findFrequency(Symbol symbol) {
        return symbol.assetClass() == AssetClass.MACRO ? frequencies.apply(symbol) : Optional.empty();
    }

    /**
     * Bars of {@code symbol} starting before this should be stored by {@code now}: {@code now} for markets (whose bar
     * still forming callers leave out themselves); for a macro series the oldest observation date not yet due
     * ({@link PeriodCalendar#dueBefore}), since FRED publishes weeks after a period ends.
     */
    public Instant dueBefore(Symbol symbol, Instant now) {
        if (of(symbol) instanceof PeriodCalendar period) {
            Instant due = period.dueBefore(now);
            return due.isBefore(now) ? due : now;
        }
        return now;
    }
}
