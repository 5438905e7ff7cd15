/**
 * Binance as a history provider for crypto pairs. {@link io.candlekeep.app.provider.binance.BinanceSymbols} maps
 * {@code BTC-USD} to Binance's {@code BTCUSDT} and back; {@link io.candlekeep.app.provider.binance.BinanceKlinesParser}
 * reads a klines body into {@link io.candlekeep.app.provider.binance.BinanceKline} rows without any network or
 * timeframe; {@link io.candlekeep.app.provider.binance.BinanceHistoryProvider} makes the HTTP calls within Binance's
 * weight budget and turns the rows into bars on the UTC epoch grid, the forming one not final.
 * {@link io.candlekeep.app.provider.binance.BinanceKlineStream} follows the kline WebSocket streams of a set of pairs and
 * timeframes over one connection, reconnecting after drops and before Binance's 24 h cut, and hands each update to a
 * {@link io.candlekeep.app.provider.binance.KlineListener} as a {@link io.candlekeep.app.provider.binance.Kline};
 * {@link io.candlekeep.app.provider.binance.BinanceStreamParser} reads its frames without any network.
 */
package io.candlekeep.app.provider.binance;
