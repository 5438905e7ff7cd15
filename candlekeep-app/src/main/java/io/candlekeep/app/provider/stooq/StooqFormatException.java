package io.candlekeep.app.provider.stooq;

/** A body that is not one of Stooq's daily download answers: an HTML page, another endpoint's body, a broken header. */
public final class StooqFormatException extends RuntimeException {

    public StooqFormatException(String message) {
        super(message);
    }
}
