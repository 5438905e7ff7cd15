package io.candlekeep.app.macro;

import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One macro series as its provider describes it.
 *
 * @param frequency   its native frequency; empty when it has none Candlekeep keeps a calendar for (biweekly)
 * @param lastUpdated when the provider last changed the series
 */
public record MacroSeries(Symbol symbol, Optional<Frequency> frequency, String title, String units,
        Optional<Instant> lastUpdated) {

    public MacroSeries {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.assetClass() != AssetClass.MACRO) {
            throw new IllegalArgumentException("'" + symbol + "' is a " + symbol.assetClass() + " symbol, not a macro series");
        }
        Objects.requireNonNull(frequency, "frequency");
        title = Objects.requireNonNullElse(title, "");
        units = Objects.requireNonNullElse(units, "");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }
}
