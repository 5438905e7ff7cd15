/**
 * Yahoo Finance's v8 chart endpoint as a history provider: {@link io.candlekeep.app.provider.yahoo.YahooChartParser}
 * turns a response body into a {@link io.candlekeep.app.provider.yahoo.YahooChart} without any network, and
 * {@link io.candlekeep.app.provider.yahoo.YahooHistoryProvider} makes the HTTP call and maps the chart onto
 * the symbol's calendar (session-aligned starts, raw OHLC, the forming bar marked not final).
 */
package io.candlekeep.app.provider.yahoo;
