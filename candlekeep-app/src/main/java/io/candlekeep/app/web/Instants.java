package io.candlekeep.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;

/** Request instants: ISO-8601 ({@code 2025-01-02T14:30:00Z} or a date {@code 2025-01-02}) or epoch milliseconds. */
public final class Instants {

    /** The earliest and latest instants a request may name; anything outside is a typo, not a query. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private Instants() {
    }

    /** Parses {@code text} for the parameter {@code name}; throws {@link BadRequestException} with both in the message. */
    public static Instant parse(String name, String text) {
        String t = text.trim();
        Instant result;
        try {
            if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '-') && t.lastIndexOf('-') <= 0) {
                result = Instant.ofEpochMilli(Long.parseLong(t));
            } else if (t.length() == 10) {
                result = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                result = Instant.parse(t);
            }
        } catch (DateTimeException | NumberFormatException e) {
            throw new BadRequestException("Parameter '" + name + "' = '" + text
                    + "' is not an instant: use ISO-8601 (2025-01-02T14:30:00Z or 2025-01-02) or epoch milliseconds");
        }
        if (result.isBefore(EARLIEST) || !result.isBefore(LATEST)) {
            throw new BadRequestException("Parameter '" + name + "' = '" + text + "' is out of range: it must lie in ["
                    + EARLIEST + ", " + LATEST + ")");
        }
        return result;
    }
}
