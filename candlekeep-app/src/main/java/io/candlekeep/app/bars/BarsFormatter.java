package io.candlekeep.app.bars;

import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes bars as JSON, JSON columns or CSV straight from the primitive arrays. This is the hot path of
 * every chart, so it builds the text in one buffer instead of going through object mapping.
 */
final class BarsFormatter {

    private BarsFormatter() {
    }

    static byte[] json(SeriesId series, BarSeries bars) {
        StringBuilder sb = new StringBuilder(64 + bars.size() * 150);
        header(sb, series, bars.size());
        sb.append(",\"bars\":[");
        for (int i = 0; i < bars.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"start\":\"");
            instant(sb, bars.startMillis(i));
            sb.append("\",\"open\":");
            number(sb, bars.open(i));
            sb.append(",\"high\":");
            number(sb, bars.high(i));
            sb.append(",\"low\":");
            number(sb, bars.low(i));
            sb.append(",\"close\":");
            number(sb, bars.close(i));
            sb.append(",\"volume\":");
            number(sb, bars.volume(i));
            sb.append(",\"final\":").append(bars.isFinal(i)).append('}');
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] columns(SeriesId series, BarSeries bars) {
        int n = bars.size();
        StringBuilder sb = new StringBuilder(128 + n * 130);
        header(sb, series, n);
        sb.append(",\"start\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ",\"" : "\"");
            instant(sb, bars.startMillis(i));
            sb.append('"');
        }
        column(sb, "open", n, bars::open);
        column(sb, "high", n, bars::high);
        column(sb, "low", n, bars::low);
        column(sb, "close", n, bars::close);
        column(sb, "volume", n, bars::volume);
        sb.append("],\"final\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(bars.isFinal(i));
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] csv(BarSeries bars) {
        StringBuilder sb = new StringBuilder(48 + bars.size() * 100);
        sb.append("start,open,high,low,close,volume,final\n");
        for (int i = 0; i < bars.size(); i++) {
            instant(sb, bars.startMillis(i));
            sb.append(',');
            number(sb, bars.open(i));
            sb.append(',');
            number(sb, bars.high(i));
            sb.append(',');
            number(sb, bars.low(i));
            sb.append(',');
            number(sb, bars.close(i));
            sb.append(',');
            number(sb, bars.volume(i));
            sb.append(',').append(bars.isFinal(i)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface DoubleColumn {
        double at(int i);
    }

    private static void column(StringBuilder sb, String name, int n, DoubleColumn values) {
        sb.append("],\"").append(name).append("\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            number(sb, values.at(i));
        }
    }

    private static void header(StringBuilder sb, SeriesId series, int count) {
        // symbols are validated to [A-Z0-9.-=^:_], so they need no JSON escaping
        sb.append("{\"symbol\":\"").append(series.symbol().value())
                .append("\",\"timeframe\":\"").append(series.timeframe().code())
                .append("\",\"count\":").append(count);
    }

    private static void instant(StringBuilder sb, long epochMillis) {
        sb.append(Instant.ofEpochMilli(epochMillis));
    }

    /** Integral values (volumes, round prices) print without a fraction; the rest in shortest round-trip form. */
    static void number(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
