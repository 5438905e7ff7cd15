package io.candlekeep.app.provider.fred;

/** A body that is not what the FRED endpoint sends: malformed JSON, another endpoint's body, a value not a number. */
public final class FredFormatException extends RuntimeException {

    public FredFormatException(String message) {
        super(message);
    }

    public FredFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
