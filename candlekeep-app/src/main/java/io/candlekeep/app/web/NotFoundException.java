package io.candlekeep.app.web;

/** Something the caller named does not exist here; answered with 404 and the message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
