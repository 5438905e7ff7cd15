package io.candlekeep.app.macro;

/** A provider described a macro series (the first time it was fetched by this instance). */
public record MacroSeriesLearned(MacroSeries series) {
}
