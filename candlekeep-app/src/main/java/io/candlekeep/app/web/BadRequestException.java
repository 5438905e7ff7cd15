package io.candlekeep.app.web;

/** The request is malformed or out of range; answered with 400 and the message. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
