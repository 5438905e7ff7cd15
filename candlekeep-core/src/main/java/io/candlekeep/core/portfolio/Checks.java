package io.candlekeep.core.portfolio;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Argument checks whose messages name the field and quote its value. */
final class Checks {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new NullPointerException("Field '" + field + "' is required");
        }
        return value;
    }

    static BigDecimal positive(BigDecimal value, String field) {
        if (required(value, field).signum() <= 0) {
            throw new IllegalArgumentException("Field '" + field + "' must be positive, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal nonNegative(BigDecimal value, String field) {
        if (required(value, field).signum() < 0) {
            throw new IllegalArgumentException("Field '" + field + "' must be >= 0, was " + value.toPlainString());
        }
        return value;
    }

    /** A finite, non-negative market price, converted exactly as its shortest decimal form. */
    static BigDecimal price(double value, String field) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("Field '" + field + "' must be finite and >= 0, was " + value);
        }
        return BigDecimal.valueOf(value);
    }

    static String currency(String value, String field) {
        if (value == null || !CURRENCY.matcher(value).matches()) {
            throw new IllegalArgumentException("Field '" + field
                    + "' must be an ISO 4217 code of three upper-case letters such as USD, was '" + value + "'");
        }
        return value;
    }

    /** A quantity for messages: {@code 10} rather than {@code 10.000} or {@code 1E+1}. */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
