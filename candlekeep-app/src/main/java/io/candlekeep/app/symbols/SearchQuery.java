package io.candlekeep.app.symbols;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import java.util.Locale;

/**
 * One symbol search: what was typed (surrounding blanks removed, inner runs of spaces made one) and how many
 * results are wanted. It also ranks a candidate against it: the exact ticker first, then tickers it begins, then names
 * that contain it, then tickers that contain it; {@link #NO_MATCH} for a candidate that matches none of those (only a
 * provider's own judgement put it there).
 *
 * @param text  1 to {@value #MAX_LENGTH} printable characters
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record SearchQuery(String text, int limit) {

    public static final int MAX_LENGTH = 64;
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;

    public static final int EXACT_TICKER = 0;
    public static final int TICKER_PREFIX = 1;
    public static final int NAME_MATCH = 2;
    public static final int TICKER_CONTAINS = 3;
    public static final int NO_MATCH = 4;

    public SearchQuery {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("Parameter 'query' is missing or blank: give 1 to " + MAX_LENGTH
                    + " characters of a ticker or a name, such as query=apple");
        }
        text = text.strip();
        int position = 1;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), position++) {
            int c = text.codePointAt(i);
            if (!printable(c)) {
                throw new BadRequestException("Parameter 'query' holds a character that is not printable (U+"
                        + String.format(Locale.ROOT, "%04X", c) + ") at position " + position);
            }
        }
        text = text.replaceAll("\\p{Zs}+", " ");
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            throw new BadRequestException("Parameter 'query' has " + length + " characters; at most " + MAX_LENGTH
                    + " are allowed");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("Parameter 'limit' = " + limit + " is out of range: use 1 to " + MAX_LIMIT);
        }
    }

    /** From the request's parameters; {@code limit} may be left out ({@value #DEFAULT_LIMIT}). */
    public static SearchQuery parse(String query, String limit) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Parameter 'limit' = '" + limit + "' is not a whole number: use 1 to "
                        + MAX_LIMIT);
            }
        }
        return new SearchQuery(query, n);
    }

    /** The text in upper case, as tickers are written. */
    public String ticker() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** The text in lower case, for names in any case. */
    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** How well {@code symbol} (named {@code name}, or null) matches: lower is better, {@link #NO_MATCH} not at all. */
    public int rank(Symbol symbol, String name) {
        String ticker = ticker();
        if (symbol.value().equals(ticker)) {
            return EXACT_TICKER;
        }
        if (symbol.value().startsWith(ticker)) {
            return TICKER_PREFIX;
        }
        if (name != null && name.toLowerCase(Locale.ROOT).contains(lower())) {
            return NAME_MATCH;
        }
        if (symbol.value().contains(ticker)) {
            return TICKER_CONTAINS;
        }
        return NO_MATCH;
    }

    private static boolean printable(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }
}
