package io.candlekeep.app.provider.binance;

import java.time.Instant;

/**
 * One kline as Binance sent it, for any interval: nothing is aligned, checked against a timeframe or dropped yet. The
 * REST row and the WebSocket event carry the same fields; the prices, which Binance sends as decimal strings, are
 * doubles here, as every bar is.
 *
 * @param openTimeMillis  the kline's start, epoch milliseconds; Binance identifies a kline by it
 * @param closeTimeMillis the last millisecond of the kline's period ({@code open + interval - 1}), also while it forms
 * @param volume          in the base asset (BTC for BTCUSDT)
 * @param trades          number of trades so far
 */
public record BinanceKline(long openTimeMillis, double open, double high, double low, double close, double volume,
        long closeTimeMillis, long trades) {

    public Instant openTime() {
        return Instant.ofEpochMilli(openTimeMillis);
    }

    public Instant closeTime() {
        return Instant.ofEpochMilli(closeTimeMillis);
    }

    /** The length of the period, from open time to close time inclusive. */
    public long spanMillis() {
        return closeTimeMillis - openTimeMillis + 1;
    }
}
