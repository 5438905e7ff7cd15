package io.candlekeep.app.tracking;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * One page of a tracking list: at most {@code limit} symbols in symbol order, those after {@code after} (the last
 * symbol of the previous page, carried by its opaque {@code next_cursor}), of one status or of any. Paging by the
 * symbol itself (keyset) keeps pages stable while symbols are added: a symbol tracked meanwhile shows on the page its
 * name falls on, and no symbol is listed twice or skipped.
 */
public record TrackingListQuery(int limit, Optional<Symbol> after, Optional<TrackedSymbol.Status> status) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    /** A cursor is the encoding of one symbol of at most 32 characters: 60 characters leave room and no more. */
    public static final int MAX_CURSOR_LENGTH = 60;

    private static final String CURSOR_PREFIX = "after:";

    public TrackingListQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
        }
    }

    /** The first page of {@link #DEFAULT_LIMIT} symbols of any status. */
    public static TrackingListQuery firstPage() {
        return new TrackingListQuery(DEFAULT_LIMIT, Optional.empty(), Optional.empty());
    }

    /** The query parameters {@code limit}, {@code cursor} and {@code status}, each may be null; 400 when one is bad. */
    public static TrackingListQuery parse(String limit, String cursor, String status) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Parameter 'limit' = '" + shown(limit) + "' is not a whole number: use 1 to "
                        + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")");
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new BadRequestException("Parameter 'limit' = " + n + " is out of range: use 1 to " + MAX_LIMIT
                        + " (default " + DEFAULT_LIMIT + ")");
            }
        }
        return new TrackingListQuery(n, cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(decode(cursor)),
                status == null || status.isBlank() ? Optional.empty() : Optional.of(statusOf(status)));
    }

    /** The opaque cursor of the page after the one that ended with {@code last}. */
    public static String cursorAfter(Symbol last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + last.value()).getBytes(StandardCharsets.UTF_8));
    }

    private static Symbol decode(String cursor) {
        String problem = "Parameter 'cursor' = '" + shown(cursor) + "' is not a cursor of this list: pass the next_cursor of the previous page, or leave it out for the"
                + " first page";
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw new BadRequestException(problem);
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new BadRequestException(problem);
            }
            return new Symbol(text.substring(CURSOR_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(problem);
        }
    }

    /** At most {@value #MAX_CURSOR_LENGTH} characters of a parameter, for a message. */
    private static String shown(String text) {
        return text.length() <= MAX_CURSOR_LENGTH ? text
                : text.substring(0, MAX_CURSOR_LENGTH) + "... (" + text.length() + " characters)";
    }

    private static TrackedSymbol.Status statusOf(String text) {
        try {
            return TrackedSymbol.Status.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Parameter 'status' = '" + shown(text) + "' is not a status: use one of "
                    + Arrays.toString(TrackedSymbol.Status.values()));
        }
    }
}
