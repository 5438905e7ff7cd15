package io.candlekeep.app.provider.stooq;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Reads a body of Stooq's daily download without any network: {@code Date,Open,High,Low,Close[,Volume]} with LF or
 * CRLF line endings (the Volume column is missing for FX and crypto). Stooq answers HTTP 200 whatever happened, so the
 * body alone says what it is: CSV rows, {@code No data}, the daily hits limit, or something else (an HTML page, such
 * as the one Stooq sends clients without an API key), which is a {@link StooqFormatException}.
 */
public final class StooqCsvParser {

    static final String HITS_LIMIT = "exceeded the daily hits limit";
    private static final String NO_DATA = "no data";
    private static final List<String> REQUIRED = List.of("date", "open", "high", "low", "close");

    /**
     * @throws StooqFormatException when the body is neither CSV with Stooq's header nor one of its plain-text answers
     */
    public StooqDownload parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return new StooqDownload.NoData("an empty body");
        }
        if (lower.equals(NO_DATA)) {
            return new StooqDownload.NoData("'No data'");
        }
        if (lower.contains(HITS_LIMIT)) {
            return new StooqDownload.HitsLimitExceeded(text.lines().findFirst().orElse(text).strip());
        }
        if (!lower.startsWith("date,")) {
            throw new StooqFormatException((text.startsWith("<") ? "an HTML page, not CSV" : "not Stooq's CSV")
                    + ", starting '" + preview(text) + "'");
        }
        String[] lines = text.split("\r?\n");
        int[] columns = columns(lines[0]);
        TreeMap<LocalDate, StooqDownload.Row> rows = new TreeMap<>();
        int skipped = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            StooqDownload.Row row = row(line.split(",", -1), columns);
            if (row == null) {
                skipped++;
            } else {
                rows.put(row.date(), row);
            }
        }
        if (rows.isEmpty() && skipped == 0) {
            return new StooqDownload.NoData("a header without rows");
        }
        return new StooqDownload.Rows(new ArrayList<>(rows.values()), skipped);
    }

    /** Where Date, Open, High, Low, Close and Volume are (Volume -1 when absent). */
    private static int[] columns(String header) {
        List<String> names = Arrays.stream(header.split(",", -1)).map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        int[] columns = new int[REQUIRED.size() + 1];
        for (int i = 0; i < REQUIRED.size(); i++) {
            columns[i] = names.indexOf(REQUIRED.get(i));
            if (columns[i] < 0) {
                throw new StooqFormatException("Stooq's CSV header '" + header + "' has no " + REQUIRED.get(i)
                        + " column");
            }
        }
        columns[REQUIRED.size()] = names.indexOf("volume");
        return columns;
    }

    /** One row, or null when a field is missing or does not parse. */
    private static StooqDownload.Row row(String[] fields, int[] columns) {
        for (int column : columns) {
            if (column >= fields.length) {
                return null;
            }
        }
        try {
            LocalDate date = LocalDate.parse(fields[columns[0]].strip());
            double open = number(fields[columns[1]]);
            double high = number(fields[columns[2]]);
            double low = number(fields[columns[3]]);
            double close = number(fields[columns[4]]);
            double volume = columns[5] < 0 ? 0 : number(fields[columns[5]]);
            return new StooqDownload.Row(date, open, high, low, close, volume);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static double number(String field) {
        double value = Double.parseDouble(field.strip());
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("not finite: " + field);
        }
        return value;
    }

    private static String preview(String text) {
        return text.substring(0, Math.min(text.length(), 60)).replaceAll("\\s+", " ");
    }
}
