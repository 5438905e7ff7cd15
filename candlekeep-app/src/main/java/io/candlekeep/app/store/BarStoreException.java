package io.candlekeep.app.store;

/** A bar store could not read or write; the message names the series and what was attempted. */
public final class BarStoreException extends RuntimeException {

    public BarStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
