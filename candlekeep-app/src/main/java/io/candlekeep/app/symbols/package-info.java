/**
 * Symbols: what is known of each symbol's listing (its name, exchange, currency, time zone and kind, in
 * {@link io.candlekeep.app.symbols.SymbolDirectory}, learned from providers' search results, quotes and chart metadata)
 * and the search for symbols by ticker or name ({@link io.candlekeep.app.symbols.SymbolSearch}), which merges the
 * provider's answer with what is stored, so it answers when the provider cannot. Searching records no interest;
 * choosing a result is tracking it with source {@code search}.
 */
package io.candlekeep.app.symbols;
