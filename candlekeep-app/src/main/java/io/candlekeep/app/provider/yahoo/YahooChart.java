package io.candlekeep.app.provider.yahoo;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.CorporateAction;
import io.candlekeep.core.provider.Listing;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One parsed v8 chart result, as Yahoo sent it: nothing is aligned, filtered or dropped yet. The arrays are
 * parallel to {@code timestamps} (epoch seconds); a price or volume that was JSON {@code null} is
 * {@code NaN}, which is how Yahoo marks a missing bar while keeping its timestamp. Arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param currency        may be null (Yahoo sends {@code "currency":null} for some warrants)
 * @param exchangeZone    from {@code meta.exchangeTimezoneName}; null when absent or not a zone id
 * @param dataGranularity the interval Yahoo says it answered with ({@code 1d}, {@code 60m}, ...); may be null
 * @param adjClose        split- and dividend-adjusted closes, or null when the body has none
 * @param actions         every split and dividend in the body, sorted by date
 * @param instrument      what {@code meta} says of the instrument: name, exchange, kind
 */
public record YahooChart(
        String symbol,
        String currency,
        ZoneId exchangeZone,
        String dataGranularity,
        long[] timestamps,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        double[] volume,
        double[] adjClose,
        List<CorporateAction> actions,
        YahooInstrument instrument) implements YahooChartResponse {

    public YahooChart {
        Objects.requireNonNull(timestamps, "timestamps");
        int n = timestamps.length;
        requireLength("open", open, n);
        requireLength("high", high, n);
        requireLength("low", low, n);
        requireLength("close", close, n);
        requireLength("volume", volume, n);
        if (adjClose != null) {
            requireLength("adjClose", adjClose, n);
        }
        actions = List.copyOf(actions);
        instrument = Objects.requireNonNullElse(instrument, YahooInstrument.UNKNOWN);
    }

    private static void requireLength(String name, double[] values, int n) {
        Objects.requireNonNull(values, name);
        if (values.length != n) {
            throw new IllegalArgumentException(name + " has " + values.length + " values but there are " + n + " timestamps");
        }
    }

    public int size() {
        return timestamps.length;
    }

    public boolean isEmpty() {
        return timestamps.length == 0;
    }

    public Instant time(int i) {
        return Instant.ofEpochSecond(timestamps[i]);
    }

    /** Whether the bar at {@code i} is one of Yahoo's null bars (a timestamp with no prices). */
    public boolean isNullBar(int i) {
        return Double.isNaN(open[i]) || Double.isNaN(high[i]) || Double.isNaN(low[i]) || Double.isNaN(close[i]);
    }

    /** The listing of {@code symbol} (the one asked for) as the chart's {@code meta} describes it. */
    public Listing toListing(Symbol symbol) {
        return instrument.toListing(symbol, currency, exchangeZone);
    }

    public boolean hasAdjClose() {
        return adjClose != null;
    }

    @Override
    public String toString() {
        return "YahooChart[" + symbol + " " + dataGranularity + ", " + timestamps.length + " timestamps"
                + (timestamps.length == 0 ? "" : " " + time(0) + " .. " + time(timestamps.length - 1))
                + ", " + actions.size() + " actions]";
    }
}
