package io.candlekeep.app.provider.fred;

import java.util.Locale;
import java.util.Objects;

/**
 * FRED's error body, {@code {"error_code":400,"error_message":"Bad Request.  The series does not exist."}}
 * (https://fred.stlouisfed.org/docs/api/fred/errors.html).
 */
public record FredError(int code, String message) {

    public FredError {
        message = Objects.requireNonNullElse(message, "");
    }

    /** The series id is unknown to FRED: stop asking for it. */
    public boolean isSeriesMissing() {
        return code == 400 && message.toLowerCase(Locale.ROOT).contains("series does not exist");
    }

    /** FRED refused the API key (not set, malformed, not registered): nothing works until it is fixed. */
    public boolean isKeyRefused() {
        return message.toLowerCase(Locale.ROOT).contains("api_key");
    }

    @Override
    public String toString() {
        return code + " " + message;
    }
}
