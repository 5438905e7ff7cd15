/**
 * Stooq as the daily-bar fallback for stocks, ETFs and indices. {@link io.candlekeep.app.provider.stooq.StooqSymbols}
 * maps {@code AAPL} to Stooq's {@code aapl.us} and back; {@link io.candlekeep.app.provider.stooq.StooqCsvParser} reads a
 * download body (CSV rows, {@code No data}, the daily hits limit) into a
 * {@link io.candlekeep.app.provider.stooq.StooqDownload} without any network; and
 * {@link io.candlekeep.app.provider.stooq.StooqHistoryProvider} makes the HTTP call and puts each date's bar at that
 * date's session open on the symbol's calendar, the day not yet over not final.
 */
package io.candlekeep.app.provider.stooq;
