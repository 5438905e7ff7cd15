package io.candlekeep.app.provider.yahoo;

/** A body that is not a v8 chart response: malformed JSON, another endpoint's body, or arrays that do not fit. */
public final class YahooChartFormatException extends RuntimeException {

    public YahooChartFormatException(String message) {
        super(message);
    }

    public YahooChartFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
