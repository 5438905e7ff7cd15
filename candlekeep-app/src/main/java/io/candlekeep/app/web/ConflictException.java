package io.candlekeep.app.web;

/** The request clashes with what exists (a name already taken); answered with 409 and the message. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
