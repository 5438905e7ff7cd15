package io.candlekeep.app.stream;

import io.candlekeep.app.backfill.SymbolNotFound;
import io.candlekeep.app.bars.BarsWritten;
import io.candlekeep.app.bars.BarsWrittenElsewhere;
import io.candlekeep.app.bars.WritesMissed;
import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.QuotesFetched;
import io.candlekeep.app.live.QuotesReceived;
import io.candlekeep.app.web.Instants;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.store.BarStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * Who is subscribed to what, and the fan-out: quotes as they are fetched (here or, on PostgreSQL, by another
 * instance), bars as they are written. Every change to the subscriptions and every delivery runs on one dispatching
 * thread, in order, so a subscriber gets its snapshot before the updates after it; events only hand their news to
 * that thread, so the fetching or writing thread never waits on it, let alone on a socket.
 *
 * <p>A bar channel follows the stored series: after each write of a subscribed series the hub reads its newest two
 * bars and sends what changed since it last looked: each bar that closed since, once, with {@code final:true} and
 * its stored values, and the forming bar when it changed.
 */
@Component
class StreamHub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

    /** What subscribers of one series were last sent. */
    private record Sent(Bar newestFinal, Bar forming) {
    }

    /** What the feed holds and has done. */
    /** @param subscriptions symbols subscribed to, summed over the connections */
    record Stats(int connections, int subscriptions, long quotesSent, long barsSent, long closedTooSlow) {
    }

    private final LiveCache quotes;
    private final BarStore bars;
    private final Map<Symbol, Set<StreamConnection>> quoteSubscribers = new HashMap<>();
    private final Map<SeriesId, Set<StreamConnection>> barSubscribers = new HashMap<>();
    private final Map<SeriesId, Sent> sent = new HashMap<>();
    /** The last quote sent of each subscribed symbol: the same quote fetched again is not sent again. */
    private final Map<Symbol, Quote> lastQuote = new HashMap<>();
    /** The symbols someone subscribed to quotes of, readable from any thread. */
    private final Set<Symbol> quoteSymbols = ConcurrentHashMap.newKeySet();
    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<SeriesId> written = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean writesQueued = new AtomicBoolean();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("stream-hub").daemon().factory());
    private final LongAdder quotesSent = new LongAdder();
    private final LongAdder barsSent = new LongAdder();
    private final LongAdder closedTooSlow = new LongAdder();

    StreamHub(LiveCache quotes, BarStore bars) {
        this.quotes = quotes;
        this.bars = bars;
    }

    void opened(StreamConnection connection) {
        connections.add(connection);
    }

    /** Counts a connection closed for a full outbox. */
    void tooSlow() {
        closedTooSlow.increment();
    }

    /** Adds the subscriptions and sends their snapshots, after whatever the connection was sent before. */
    void subscribe(StreamConnection connection, Collection<Symbol> symbols, Collection<Channel> channels) {
        List<Symbol> s = List.copyOf(symbols);
        List<Channel> c = List.copyOf(channels);
        dispatch(() -> {
            for (Symbol symbol : s) {
                for (Channel channel : c) {
                    if (!connection.isOpen()) {
                        return;
                    }
                    Set<Channel> held = connection.subscriptions().computeIfAbsent(symbol, k -> new LinkedHashSet<>());
                    held.add(channel);
                    if (channel.timeframe() == null) {
                        quoteSubscribers.computeIfAbsent(symbol, k -> new LinkedHashSet<>()).add(connection);
                        quoteSymbols.add(symbol);
                        connection.send(StreamMessages.quoteSnapshot(symbol, quotes.find(symbol).orElse(null)));
                    } else {
                        SeriesId series = SeriesId.of(symbol, channel.timeframe());
                        barSubscribers.computeIfAbsent(series, k -> new LinkedHashSet<>()).add(connection);
                        List<Bar> newest = newest(series);
                        sent.putIfAbsent(series, sentOf(newest));
                        connection.send(StreamMessages.barSnapshot(series, snapshotOf(newest)));
                    }
                }
            }
        });
    }

    /** Removes the subscriptions; {@code channels} empty removes every channel of the symbols. */
    void unsubscribe(StreamConnection connection, Collection<Symbol> symbols, Collection<Channel> channels) {
        List<Symbol> s = List.copyOf(symbols);
        List<Channel> c = List.copyOf(channels);
        dispatch(() -> s.forEach(symbol -> {
            Set<Channel> held = connection.subscriptions().get(symbol);
            if (held == null) {
                return;
            }
            for (Channel channel : c.isEmpty() ? List.copyOf(held) : c) {
                held.remove(channel);
                drop(connection, symbol, channel);
            }
            if (held.isEmpty()) {
                connection.subscriptions().remove(symbol);
            }
        }));
    }

    /** Forgets a connection that closed. */
    void closed(StreamConnection connection) {
        connections.remove(connection);
        dispatch(() -> {
            connection.subscriptions().forEach((symbol, held) -> held.forEach(channel -> drop(connection, symbol, channel)));
            connection.subscriptions().clear();
        });
    }

    /** The symbols someone is subscribed to quotes of, now. */
    Set<Symbol> quoteSymbols() {
        return Set.copyOf(quoteSymbols);
    }

    Stats stats() {
        int subscriptions = connections.stream().mapToInt(c -> c.subscriptions().size()).sum();
        return new Stats(connections.size(), subscriptions, quotesSent.sum(), barsSent.sum(), closedTooSlow.sum());
    }

    @EventListener
    void on(QuotesFetched event) {
        publish(event.quotes());
    }

    @EventListener
    void on(QuotesReceived event) {
        publish(event.quotes());
    }

    @EventListener
    void on(BarsWritten event) {
        written(event.series());
    }

    @EventListener
    void on(BarsWrittenElsewhere event) {
        written(event.series());
    }

    /** Writes may have gone unannounced: every subscribed series is read again, and what changed is sent. */
    @EventListener
    void on(WritesMissed event) {
        dispatch(() -> written(Set.copyOf(barSubscribers.keySet())));
    }

    /** A symbol the provider does not know: its subscribers are told, and it is dropped from their subscriptions. */
    @EventListener
    void on(SymbolNotFound event) {
        dispatch(() -> {
            TextMessage error = StreamMessages.error(event.symbol().value(),
                    "Symbol '" + event.symbol() + "' is unknown to the provider: " + event.reason());
            for (StreamConnection connection : List.copyOf(connections)) {
                Set<Channel> held = connection.subscriptions().remove(event.symbol());
                if (held != null) {
                    held.forEach(channel -> drop(connection, event.symbol(), channel));
                    connection.send(error);
                }
            }
        });
    }

    private void publish(List<Quote> fetched) {
        dispatch(() -> {
            for (Quote quote : fetched) {
                Set<StreamConnection> subscribers = quoteSubscribers.get(quote.symbol());
                if (subscribers == null || subscribers.isEmpty() || quote.equals(lastQuote.put(quote.symbol(), quote))) {
                    continue;
                }
                TextMessage message = StreamMessages.quote(quote);
                for (StreamConnection connection : subscribers) {
                    connection.sendQuote(quote.symbol(), message);
                }
                quotesSent.add(subscribers.size());
            }
        });
    }

    private void written(Set<SeriesId> series) {
        written.addAll(series);
        if (writesQueued.compareAndSet(false, true)) {
            dispatch(this::deliverWrites);
        }
    }

    private void deliverWrites() {
        writesQueued.set(false);
        List<SeriesId> due = new ArrayList<>();
        for (SeriesId series : List.copyOf(written)) {
            written.remove(series);
            due.add(series);
        }
        for (SeriesId series : due) {
            Set<StreamConnection> subscribers = barSubscribers.get(series);
            if (subscribers == null || subscribers.isEmpty()) {
                continue;
            }
            List<Bar> newest = newest(series);
            Sent before = sent.getOrDefault(series, new Sent(null, null));
            Sent now = sentOf(newest);
            for (Bar bar : newest) {
                if (bar.isFinal() && isNewer(bar, before.newestFinal())) {
                    TextMessage message = StreamMessages.bar(series, bar);
                    subscribers.forEach(c -> c.sendFinal(series, message));
                    barsSent.add(subscribers.size());
                }
            }
            Bar forming = now.forming();
            if (forming != null && !forming.equals(before.forming())) {
                TextMessage message = StreamMessages.bar(series, forming);
                subscribers.forEach(c -> c.sendForming(series, message));
                barsSent.add(subscribers.size());
            }
            sent.put(series, new Sent(now.newestFinal() != null ? now.newestFinal() : before.newestFinal(), forming));
        }
    }

    /** A final bar to send: later than the last one sent, or the same bar with other stored values. */
    private static boolean isNewer(Bar bar, Bar sentBefore) {
        return sentBefore == null || bar.start().isAfter(sentBefore.start())
                || bar.start().equals(sentBefore.start()) && !bar.equals(sentBefore);
    }

    private List<Bar> newest(SeriesId series) {
        BarSeries read = bars.read(series, Instants.EARLIEST, Instants.LATEST, 2);
        return read.toList();
    }

    private static Sent sentOf(List<Bar> newest) {
        Bar newestFinal = null;
        Bar forming = null;
        for (Bar bar : newest) {
            if (bar.isFinal()) {
                newestFinal = bar;
                forming = null;
            } else {
                forming = bar;
            }
        }
        return new Sent(newestFinal, forming);
    }

    /** The newest final bar and the forming bar after it, those there are. */
    private static List<Bar> snapshotOf(List<Bar> newest) {
        Sent s = sentOf(newest);
        List<Bar> out = new ArrayList<>(2);
        if (s.newestFinal() != null) {
            out.add(s.newestFinal());
        }
        if (s.forming() != null) {
            out.add(s.forming());
        }
        return out;
    }

    private void drop(StreamConnection connection, Symbol symbol, Channel channel) {
        if (channel.timeframe() == null) {
            if (removeFrom(quoteSubscribers, symbol, connection)) {
                quoteSymbols.remove(symbol);
                lastQuote.remove(symbol);
            }
        } else {
            SeriesId series = SeriesId.of(symbol, channel.timeframe());
            if (removeFrom(barSubscribers, series, connection)) {
                sent.remove(series);
            }
        }
    }

    /** Answers whether the key has no subscriber left. */
    private static <K> boolean removeFrom(Map<K, Set<StreamConnection>> map, K key, StreamConnection connection) {
        Set<StreamConnection> set = map.get(key);
        if (set == null) {
            return true;
        }
        set.remove(connection);
        if (set.isEmpty()) {
            map.remove(key);
            return true;
        }
        return false;
    }

    private void dispatch(Runnable work) {
        try {
            dispatcher.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("[STREAM] delivery failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("[STREAM] shutting down: nothing more is delivered");
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        dispatcher.shutdownNow();
        dispatcher.awaitTermination(5, TimeUnit.SECONDS);
    }
}
