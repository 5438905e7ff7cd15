package io.candlekeep.app.stream;

import io.candlekeep.app.security.Caller;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open feed: who it belongs to, what it subscribed to, and its {@link Outbox}. Whoever has a message for it
 * offers it and goes on; one sender at a time drains the outbox onto the socket on {@code sender}'s threads, so a
 * reader that does not keep up holds only its own connection. When the outbox is full it is closed with 1013.
 */
final class StreamConnection {

    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    /** RFC 6455 "try again later": the server is overloaded, here by this reader's backlog. */
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "too slow: the outbox is full");

    private record QuoteKey(Symbol symbol) {
    }

    private record FormingKey(SeriesId series) {
    }

    /** Who is behind the connection once known, and the token they showed (checked again at each heartbeat). */
    record Identity(Caller caller, String token) {
    }

    private final WebSocketSession session;
    private final Outbox<WebSocketMessage<?>> outbox;
    private final Executor sender;
    private final Runnable onTooSlow;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once the connection is to close; nothing more is offered after it. */
    private final AtomicReference<CloseStatus> closing = new AtomicReference<>();
    private final Map<Symbol, Set<Channel>> subscriptions = new ConcurrentHashMap<>();
    private final InboundRate inbound;
    private volatile Identity identity;
    private volatile Instant lastHeard;

    StreamConnection(WebSocketSession session, int outboxCapacity, Executor sender, Runnable onTooSlow, Instant opened,
            InboundRate inbound) {
        this.session = session;
        this.outbox = new Outbox<>(outboxCapacity);
        this.sender = sender;
        this.onTooSlow = onTooSlow;
        this.lastHeard = opened;
        this.inbound = inbound;
    }

    String id() {
        return session.getId();
    }

    Optional<Identity> findIdentity() {
        return Optional.ofNullable(identity);
    }

    void identify(Identity identity) {
        this.identity = identity;
    }

    Instant lastHeard() {
        return lastHeard;
    }

    void heard(Instant at) {
        lastHeard = at;
    }

    InboundRate inbound() {
        return inbound;
    }

    /** The channels of each subscribed symbol; changed by the hub only. */
    Map<Symbol, Set<Channel>> subscriptions() {
        return subscriptions;
    }

    boolean isOpen() {
        return !closed.get() && closing.get() == null;
    }

    /** A quote: waiting quotes of the same symbol are replaced by it. */
    void sendQuote(Symbol symbol, WebSocketMessage<?> message) {
        offer(new QuoteKey(symbol), message);
    }

    /** The forming bar of {@code series}: a waiting forming bar of the same series is replaced by it. */
    void sendForming(SeriesId series, WebSocketMessage<?> message) {
        offer(new FormingKey(series), message);
    }

    /** A bar that closed: it takes its own place, and the forming bar it was, if still waiting, is dropped. */
    void sendFinal(SeriesId series, WebSocketMessage<?> message) {
        outbox.remove(new FormingKey(series));
        offer(null, message);
    }

    /** Anything else (replies, snapshots, heartbeats, pings): sent as it is, in order. */
    void send(WebSocketMessage<?> message) {
        offer(null, message);
    }

    /**
     * Closes the socket with {@code status} once what is waiting has been sent (an error saying why, usually): no
     * message is taken after this. Idempotent.
     */
    void close(CloseStatus status) {
        if (closing.compareAndSet(null, status)) {
            drainSoon();
        }
    }

    /** Closes the socket with {@code status} at once, off the caller's thread; what is waiting is dropped. */
    void abort(CloseStatus status) {
        closing.compareAndSet(null, status);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbox.clear();
        sender.execute(() -> closeSession(status));
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("[STREAM] connection {} did not close cleanly: {}", id(), e.toString());
        }
    }

    /** The container saw the socket close. */
    void closed() {
        closed.set(true);
        outbox.clear();
    }

    private void offer(Object key, WebSocketMessage<?> message) {
        if (!isOpen()) {
            return;
        }
        if (outbox.offer(key, message) == Outbox.Offer.FULL) {
            onTooSlow.run();
            log.info("[STREAM] connection {} closed: its outbox of {} messages stayed full", id(), outbox.size());
            abort(TOO_SLOW);
            return;
        }
        drainSoon();
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            sender.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (!closed.get()) {
                Optional<WebSocketMessage<?>> next = outbox.poll();
                if (next.isEmpty()) {
                    break;
                }
                session.sendMessage(next.get());
            }
            CloseStatus status = closing.get();
            if (status != null && outbox.size() == 0 && closed.compareAndSet(false, true)) {
                closeSession(status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("[STREAM] connection {} failed to send: {}", id(), e.toString());
            abort(CloseStatus.SESSION_NOT_RELIABLE);
        } finally {
            draining.set(false);
        }
        if (!closed.get() && (outbox.size() > 0 || closing.get() != null)) {
            // offered (or closed) after the last poll came back empty, while this sender was still the one draining
            drainSoon();
        }
    }
}
