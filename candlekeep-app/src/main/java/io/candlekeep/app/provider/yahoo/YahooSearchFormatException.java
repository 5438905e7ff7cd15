package io.candlekeep.app.provider.yahoo;

/** A body that is not a v1 search response: malformed JSON, another endpoint's body, or {@code quotes} not a list. */
public final class YahooSearchFormatException extends RuntimeException {

    public YahooSearchFormatException(String message) {
        super(message);
    }

    public YahooSearchFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
