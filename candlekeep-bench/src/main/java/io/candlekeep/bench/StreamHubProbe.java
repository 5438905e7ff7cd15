package io.candlekeep.bench;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/**
 * Candlekeep's feed read from inside, for {@link StreamFanoutBenchmark}: the hub's counters
 * ({@code StreamHub.stats()}) and the outbox of each open connection. The feed's classes are package-private, so
 * they are read by reflection (the bench and the app share the unnamed module); a rename there breaks this class
 * loudly, not the figures quietly.
 */
final class StreamHubProbe {

    /** @see #stats() */
    record Stats(int connections, long quotesSent, long closedTooSlow) {
    }

    /** One connection's outbox, as the hub holds it. */
    final class Backlog {
        private final Object connection;

        private Backlog(Object connection) {
            this.connection = connection;
        }

        /** Messages waiting to be sent. */
        int waiting() {
            return (int) call(outbox(), "size");
        }

        /** Messages replaced by a newer one of the same key while they waited. */
        long coalesced() {
            return (long) call(outbox(), "coalesced");
        }

        private Object outbox() {
            return get(outbox, connection);
        }
    }

    private final Object hub;
    private final Method stats;
    private final Field connections;
    private final Field outbox;

    StreamHubProbe(ApplicationContext context) {
        try {
            Class<?> hubType = Class.forName("io.candlekeep.app.stream.StreamHub");
            this.hub = context.getBean(hubType);
            this.stats = accessible(hubType.getDeclaredMethod("stats"));
            this.connections = accessible(hubType.getDeclaredField("connections"));
            this.outbox = accessible(Class.forName("io.candlekeep.app.stream.StreamConnection").getDeclaredField("outbox"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("StreamHub is not what this probe reads", e);
        }
    }

    /** Open connections, quote messages offered to outboxes so far, connections closed for a full outbox so far. */
    Stats stats() {
        Object s = invoke(stats, hub);
        return new Stats((int) call(s, "connections"), (long) call(s, "quotesSent"), (long) call(s, "closedTooSlow"));
    }

    /** The open connections, to tell a later one by ({@link #openedSince}). */
    Set<Object> connections() {
        return Set.copyOf((Set<?>) get(connections, hub));
    }

    /** A connection open now that was not among {@code before}, if any. */
    Optional<Backlog> openedSince(Set<Object> before) {
        return ((Set<?>) get(connections, hub)).stream().filter(c -> !before.contains(c)).findFirst().map(Backlog::new);
    }

    private static Object call(Object target, String method) {
        try {
            return invoke(accessible(target.getClass().getDeclaredMethod(method)), target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(target.getClass() + " has no " + method + "()", e);
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not call " + m, e);
        }
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not read " + f, e);
        }
    }

    private static <T extends AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }
}
