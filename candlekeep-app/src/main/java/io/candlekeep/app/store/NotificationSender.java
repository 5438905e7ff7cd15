package io.candlekeep.app.store;

/** Sends to a channel every instance on the same PostgreSQL database listens to ({@link NotificationListener}). */
public interface NotificationSender {

    /** The longest payload in UTF-8 bytes: PostgreSQL refuses 8000 and more. */
    int MAX_PAYLOAD_BYTES = 7999;

    /**
     * Sends {@code payload} on {@code channel}; inside a transaction it goes out when the transaction commits. A
     * payload longer than {@link #MAX_PAYLOAD_BYTES} is refused: split it.
     */
    void send(String channel, String payload);
}
