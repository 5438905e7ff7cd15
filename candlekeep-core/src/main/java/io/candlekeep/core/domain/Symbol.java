package io.candlekeep.core.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A provider-neutral ticker such as {@code AAPL}, {@code BTC-USD}, {@code EURUSD=X}, {@code ^GSPC}
 * or {@code FRED:DGS10}. Stored upper-case; at most 32 characters.
 */
public record Symbol(String value) implements Comparable<Symbol> {

    private static final Pattern FORM = Pattern.compile("[A-Z0-9^][A-Z0-9.\\-=^:_]{0,31}");

    public Symbol {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid symbol '" + value
                    + "': use 1 to 32 letters, digits or . - = ^ : _ such as AAPL, BTC-USD, EURUSD=X, ^GSPC");
        }
    }

    /** Normalises case and surrounding blanks, then validates. */
    public static Symbol of(String text) {
        return new Symbol(text == null ? null : text.trim().toUpperCase(Locale.ROOT));
    }

    public AssetClass assetClass() {
        return AssetClass.infer(this);
    }

    @Override
    public int compareTo(Symbol other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
