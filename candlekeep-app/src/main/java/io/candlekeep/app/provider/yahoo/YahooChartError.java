package io.candlekeep.app.provider.yahoo;

import java.util.Locale;
import java.util.Objects;

/**
 * Yahoo's error form {@code {"chart":{"result":null,"error":{"code":..,"description":..}}}}, for example
 * code {@code Not Found} with {@code No data found, symbol may be delisted}.
 */
public record YahooChartError(String code, String description) implements YahooChartResponse {

    public YahooChartError {
        code = Objects.requireNonNullElse(code, "");
        description = Objects.requireNonNullElse(description, "");
    }

    /** Yahoo's way of saying the symbol is unknown or delisted. */
    public boolean isNotFound() {
        return code.toLowerCase(Locale.ROOT).replace(" ", "").equals("notfound");
    }

    @Override
    public String toString() {
        return code + ": " + description;
    }
}
