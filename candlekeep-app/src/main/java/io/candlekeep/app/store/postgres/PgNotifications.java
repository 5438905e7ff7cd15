package io.candlekeep.app.store.postgres;

import io.candlekeep.app.store.NotificationListener;
import io.candlekeep.app.store.NotificationSender;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL LISTEN/NOTIFY between the instances on one database. Sending goes through the pool; listening holds
 * one connection of its own, outside the pool, on one thread that hands each notification to the
 * {@link NotificationListener}s of its channel. When the connection breaks (the server restarted) it reconnects,
 * waiting 1 s, then twice as long each failed attempt up to 30 s, and tells the listeners that they may have missed
 * notifications. An idle connection is checked every 15 s, so a dead one is noticed without traffic.
 */
public final class PgNotifications implements NotificationSender, SmartLifecycle {

    /** Opens the listening connection. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 500;
    /** Polls without a notification before the connection is checked: 15 s. */
    private static final int POLLS_PER_CHECK = 30;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Connector connector;
    private final JdbcClient jdbc;
    private final Supplier<List<NotificationListener>> found;
    private final Map<String, List<NotificationListener>> listeners = new LinkedHashMap<>();
    private volatile boolean running;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;

    /** {@code listeners} are asked for at start: they may send through this instance themselves. */
    public PgNotifications(Connector connector, JdbcClient jdbc, Supplier<List<NotificationListener>> listeners) {
        this.connector = connector;
        this.jdbc = jdbc;
        this.found = listeners;
    }

    @Override
    public void send(String channel, String payload) {
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("Payload on '" + channel + "' has " + bytes + " bytes; at most "
                    + MAX_PAYLOAD_BYTES + " fit one notification");
        }
        jdbc.sql("SELECT pg_notify(?, ?)").params(channel, payload).query(rs -> {
        });
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        listeners.clear();
        for (NotificationListener l : found.get()) {
            if (!CHANNEL.matcher(l.channel()).matches()) {
                throw new IllegalArgumentException("Channel '" + l.channel() + "' of " + l.getClass().getName()
                        + " is not a lower-case SQL identifier");
            }
            listeners.computeIfAbsent(l.channel(), k -> new ArrayList<>()).add(l);
        }
        if (listeners.isEmpty()) {
            return;
        }
        running = true;
        stopping = new CountDownLatch(1);
        thread = Thread.ofPlatform().name("candlekeep-pg-listen").daemon().start(this::listen);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        try {
            // the thread notices within one poll
            if (!thread.join(Duration.ofSeconds(5))) {
                log.info("[STORE] notification listener still busy after 5 s; leaving it behind");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("[STORE] stopped listening for {}", listeners.keySet());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean listenedBefore = false;
        boolean failing = false;
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try (Connection c = connector.connect(); Statement st = c.createStatement()) {
                for (String channel : listeners.keySet()) {
                    st.execute("LISTEN " + channel);
                }
                log.info("[STORE] listening for {}{}", listeners.keySet(), listenedBefore ? " again" : "");
                boolean resumed = listenedBefore;
                listeners.values().forEach(ls -> ls.forEach(l -> safely(l, () -> l.onListening(resumed))));
                listenedBefore = true;
                failing = false;
                backoff = FIRST_BACKOFF;
                poll(c.unwrap(PGConnection.class), st);
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                if (!failing) {
                    log.warn("[STORE] notification connection lost or refused ({}); reconnecting with backoff up to {} s",
                            e.getMessage(), MAX_BACKOFF.toSeconds());
                    failing = true;
                } else {
                    log.debug("[STORE] notification connection still refused ({}); next attempt in {}", e.getMessage(),
                            backoff);
                }
                if (awaitStop(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void poll(PGConnection pg, Statement st) throws SQLException {
        int quietPolls = 0;
        while (running) {
            PGNotification[] received = pg.getNotifications(POLL_MILLIS);
            if (received == null || received.length == 0) {
                if (++quietPolls >= POLLS_PER_CHECK) {
                    st.execute("SELECT 1");
                    quietPolls = 0;
                }
                continue;
            }
            quietPolls = 0;
            for (PGNotification n : received) {
                for (NotificationListener l : listeners.getOrDefault(n.getName(), List.of())) {
                    safely(l, () -> l.onNotification(n.getParameter()));
                }
            }
        }
    }

    private static void safely(NotificationListener listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("[STORE] {} failed on a notification of '{}'", listener.getClass().getSimpleName(),
                    listener.channel(), e);
        }
    }

    /** Waits {@code duration} unless stopped first; answers whether it was stopped. */
    private boolean awaitStop(Duration duration) {
        try {
            return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
