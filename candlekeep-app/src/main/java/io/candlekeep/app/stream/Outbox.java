package io.candlekeep.app.stream;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages waiting to be sent on one connection, at most {@code capacity} of them. A message offered with a key
 * replaces the waiting one with the same key in its place (a quote's latest price wins); a message without a key
 * always takes a place of its own, so a final bar is never dropped while there is room. Thread-safe.
 *
 * @param <M> the message type
 */
final class Outbox<M> {

    /** What became of an offered message. */
    enum Offer {
        /** It waits at the end. */
        QUEUED,
        /** It replaced a waiting message with the same key. */
        COALESCED,
        /** Every place is taken: the message was not kept. */
        FULL
    }

    /** The key of a message that coalesces with nothing. */
    private record Own(long seq) {
    }

    private final int capacity;
    private final Map<Object, M> waiting = new LinkedHashMap<>();
    private long seq;
    private long coalesced;

    Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** @param key messages with equal keys coalesce, latest wins; null for one that must be sent as it is */
    synchronized Offer offer(Object key, M message) {
        if (key != null && waiting.containsKey(key)) {
            waiting.put(key, message);
            coalesced++;
            return Offer.COALESCED;
        }
        if (waiting.size() >= capacity) {
            return Offer.FULL;
        }
        waiting.put(key != null ? key : new Own(seq++), message);
        return Offer.QUEUED;
    }

    /** Drops the waiting message with {@code key}, as when a newer message makes it pointless. */
    synchronized void remove(Object key) {
        waiting.remove(key);
    }

    /** The oldest waiting message, taken out. */
    synchronized Optional<M> poll() {
        Iterator<M> it = waiting.values().iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        M first = it.next();
        it.remove();
        return Optional.of(first);
    }

    synchronized int size() {
        return waiting.size();
    }

    synchronized long coalesced() {
        return coalesced;
    }

    synchronized void clear() {
        waiting.clear();
    }
}
