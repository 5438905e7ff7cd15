package io.candlekeep.core.portfolio;

import java.util.Locale;

/** Whether a trade adds to a holding or takes from it. */
public enum TradeSide {
    BUY, SELL;

    /** Parses {@code buy} or {@code sell} in any case, ignoring surrounding blanks. */
    public static TradeSide of(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "buy" -> BUY;
            case "sell" -> SELL;
            default -> throw new IllegalArgumentException("Unknown trade side '" + text + "': use buy or sell");
        };
    }
}
