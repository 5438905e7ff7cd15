package io.candlekeep.app.store;

/**
 * Hears one channel of the database that several instances share: what any instance, or another program, sent on
 * it. Only PostgreSQL delivers (LISTEN/NOTIFY, {@code store.postgres.PgNotifications}); on SQLite there is one
 * instance and nothing arrives. Called on the single listening thread, so it does quick work only.
 */
public interface NotificationListener {

    /** The channel, a lower-case SQL identifier such as {@code live_quotes}. */
    String channel();

    void onNotification(String payload);

    /**
     * The listening connection is up. {@code resumed} is true when it was up before and went down (the database
     * restarted): notifications sent in between were missed.
     */
    default void onListening(boolean resumed) {
    }
}
