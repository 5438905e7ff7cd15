package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.util.Objects;

/** The calendar of each market. Every calendar is an immutable, thread-safe singleton. */
public final class MarketCalendars {

    private MarketCalendars() {
    }

    /** The New York Stock Exchange, for US stocks, ETFs and indices. */
    public static NyseCalendar nyse() {
        return NyseCalendar.INSTANCE;
    }

    /** 24/7 on the UTC epoch grid. */
    public static CryptoCalendar crypto() {
        return CryptoCalendar.INSTANCE;
    }

    /** The FX week, Sunday 17:00 to Friday 17:00 New York, on the UTC epoch grid. */
    public static FxCalendar fx() {
        return FxCalendar.INSTANCE;
    }

    /** Monday to Friday UTC without holidays, for macro series. */
    public static WeekdayCalendar weekdays() {
        return WeekdayCalendar.INSTANCE;
    }

    /** A macro series observed at {@code frequency}: one daily bar per observation date (FRED's monthly on the 1st). */
    public static PeriodCalendar macro(Frequency frequency) {
        return PeriodCalendar.of(Objects.requireNonNull(frequency, "frequency"));
    }

    /** STOCK, ETF and INDEX trade on the NYSE calendar, CRYPTO on crypto, FX on fx, MACRO on weekdays. */
    public static MarketCalendar forAssetClass(AssetClass assetClass) {
        Objects.requireNonNull(assetClass, "assetClass");
        return switch (assetClass) {
            case STOCK, ETF, INDEX -> nyse();
            case CRYPTO -> crypto();
            case FX -> fx();
            case MACRO -> weekdays();
        };
    }

    /** The calendar of the symbol's inferred asset class. */
    public static MarketCalendar forSymbol(Symbol symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return forAssetClass(symbol.assetClass());
    }
}
