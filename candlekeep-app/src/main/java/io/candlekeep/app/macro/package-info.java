/**
 * Macro series (FRED): what is known of each one once it is first fetched, above all its native frequency, which
 * decides the calendar its coverage and gaps follow ({@link io.candlekeep.app.symbols.SymbolCalendars}). The FRED
 * adapter announces what it learns as {@link io.candlekeep.app.macro.MacroSeriesLearned}; the
 * {@link io.candlekeep.app.macro.MacroSeriesCatalog} keeps it in {@code macro_series} and in memory.
 */
package io.candlekeep.app.macro;
