package io.candlekeep.app.web;

/** The caller is known but may not do this; answered with 403 and the message. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
