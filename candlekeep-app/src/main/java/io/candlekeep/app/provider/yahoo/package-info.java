/**
 * Yahoo Finance as a history provider and a quote provider.
 * {@link io.candlekeep.app.provider.yahoo.YahooChartParser} turns a v8 chart body into a
 * {@link io.candlekeep.app.provider.yahoo.YahooChart} without any network, and
 * {@link io.candlekeep.app.provider.yahoo.YahooHistoryProvider} makes the HTTP call and maps the chart onto
 * the symbol's calendar (session-aligned starts, raw OHLC, the forming bar marked not final).
 * {@link io.candlekeep.app.provider.yahoo.YahooQuoteParser} reads a v7 quote body and
 * {@link io.candlekeep.app.provider.yahoo.YahooQuoteProvider} asks for quotes in batches with a cookie and crumb.
 */
package io.candlekeep.app.provider.yahoo;
