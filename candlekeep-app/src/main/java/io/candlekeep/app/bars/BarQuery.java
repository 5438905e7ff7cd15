package io.candlekeep.app.bars;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.app.web.Instants;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Locale;

/** A validated bars request: which series, which range {@code [from, to)}, how many at most, in which format. */
public record BarQuery(SeriesId series, Instant from, Instant to, int limit, Format format) {

    public static final int DEFAULT_LIMIT = 5_000;
    public static final int MAX_LIMIT = 50_000;

    public enum Format {
        JSON, COLUMNS, CSV;

        static Format of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Parameter 'format' = '" + text + "' is unknown: use json, columns or csv");
            }
        }
    }

    /** Parses the raw parameters; any of them but the symbol may be null. */
    public static BarQuery parse(String symbol, String timeframe, String from, String to, String limit, String format) {
        SeriesId series = SeriesId.of(Symbol.of(symbol), timeframe == null ? Timeframe.D1 : Timeframe.of(timeframe));
        Instant start = from == null ? Instants.EARLIEST : Instants.parse("from", from);
        Instant end = to == null ? Instants.LATEST : Instants.parse("to", to);
        if (!start.isBefore(end)) {
            throw new BadRequestException("Range is empty or inverted: 'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Parameter 'limit' = '" + limit + "' is not a whole number");
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new BadRequestException("Parameter 'limit' = " + n + " is out of range: use 1 to " + MAX_LIMIT);
            }
        }
        return new BarQuery(series, start, end, n, format == null ? Format.JSON : Format.of(format));
    }
}
