/**
 * Yahoo Finance as a history provider, a quote provider and a symbol search.
 * {@link io.candlekeep.app.provider.yahoo.YahooChartParser} turns a v8 chart body into a
 * {@link io.candlekeep.app.provider.yahoo.YahooChart} without any network, and
 * {@link io.candlekeep.app.provider.yahoo.YahooHistoryProvider} makes the HTTP call and maps the chart onto
 * the symbol's calendar (session-aligned starts, raw OHLC, the forming bar marked not final).
 * {@link io.candlekeep.app.provider.yahoo.YahooQuoteParser} reads a v7 quote body and
 * {@link io.candlekeep.app.provider.yahoo.YahooQuoteProvider} asks for quotes in batches with a cookie and crumb.
 * {@link io.candlekeep.app.provider.yahoo.YahooSearchParser} reads a v1 search body and
 * {@link io.candlekeep.app.provider.yahoo.YahooSearchProvider} asks it. What a quote, a chart's {@code meta} or a search
 * result says of the instrument ({@link io.candlekeep.app.provider.yahoo.YahooInstrument}) becomes a listing.
 */
package io.candlekeep.app.provider.yahoo;
