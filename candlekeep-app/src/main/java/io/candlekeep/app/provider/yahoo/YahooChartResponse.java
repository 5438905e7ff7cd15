package io.candlekeep.app.provider.yahoo;

/** What a v8 chart body holds: a chart, or Yahoo's error object. */
public sealed interface YahooChartResponse permits YahooChart, YahooChartError {
}
