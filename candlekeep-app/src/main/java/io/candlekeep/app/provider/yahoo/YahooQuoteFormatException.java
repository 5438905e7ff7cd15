package io.candlekeep.app.provider.yahoo;

/** A body that is not a v7 quote response: malformed JSON, another endpoint's body, or a field of the wrong type. */
public final class YahooQuoteFormatException extends RuntimeException {

    public YahooQuoteFormatException(String message) {
        super(message);
    }

    public YahooQuoteFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
