package io.candlekeep.app.provider.stooq;

import java.time.LocalDate;
import java.util.List;

/** What one body of Stooq's daily download ({@code /q/d/l/?s=…&i=d}) says, read by {@link StooqCsvParser}. */
public sealed interface StooqDownload {

    /**
     * The CSV's rows, oldest first, one per date; {@code skipped} rows could not be read (too few fields, a date or
     * number that does not parse).
     */
    record Rows(List<Row> rows, int skipped) implements StooqDownload {
        public Rows {
            rows = List.copyOf(rows);
        }
    }

    /** The body {@code No data}, an empty body, or a header without rows: Stooq's answer for a symbol it lacks. */
    record NoData(String what) implements StooqDownload {
    }

    /** {@code Exceeded the daily hits limit}, sent with HTTP 200: no further request is answered today. */
    record HitsLimitExceeded(String message) implements StooqDownload {
    }

    /**
     * One day: the prices as Stooq has them (split- and dividend-adjusted), volume split-adjusted and so possibly
     * fractional, 0 where the file has no Volume column (FX, crypto).
     */
    record Row(LocalDate date, double open, double high, double low, double close, double volume) {
    }
}
