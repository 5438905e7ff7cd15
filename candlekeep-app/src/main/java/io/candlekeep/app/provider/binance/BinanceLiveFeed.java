package io.candlekeep.app.provider.binance;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SyncTrigger;
import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.jobs.JobEngineProperties;
import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.LiveTargets;
import io.candlekeep.app.live.QuotesFetched;
import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.store.Leases;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Live crypto from Binance's kline stream, whether or not anyone listens: one connection for every ACTIVE tracked
 * crypto pair in its tracked timeframes. A kline that closed is written at once as a final bar; a forming kline
 * becomes the pair's quote in the live cache (announced like any fetched quote, so the feed and the other instances
 * get it) and, at most every {@code forming-write-interval}, the forming bar in the store. After a lost connection
 * the series are planned for a gap fill, which fetches over REST what the stream missed.
 *
 * <p>One instance holds the connection: the one holding the lease {@value #LEASE} ({@link Leases}), renewed every
 * {@code lease-renewal} (5 s) for a term of {@code lease-term} (20 s). The others get what it writes and announces
 * through the instances' relays ({@code bars_written}, {@code live_quotes}) and serve their own subscribers; when the
 * holder dies, one of them takes the lease once its term ends (within term + renewal, 25 s) and connects. A holder
 * that cannot renew (it lost the database) closes the connection before its term ends by its own clock. Whoever
 * takes the lease plans a gap fill, for what nobody streamed in between.
 *
 * <p>On by default when crypto history comes from Binance ({@code candlekeep.crypto-providers}); {@code
 * candlekeep.providers.binance.stream.enabled} turns it on or off regardless.
 */
@Component
class BinanceLiveFeed implements KlineListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BinanceLiveFeed.class);
    /** How often the tracked set is compared with the stream's; a new pair also waits at most this long. */
    static final Duration RESUBSCRIBE_EVERY = Duration.ofSeconds(30);
    /** The lease whose holder holds the connection. */
    static final String LEASE = "binance-kline-stream";

    private final BinanceStreamProperties properties;
    private final ProviderChain history;
    private final LiveTargets targets;
    private final LiveCache cache;
    private final BarWriter writer;
    private final BackfillService backfill;
    private final TrackingService tracking;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String enabled;
    private final Duration formingWriteInterval;
    private final Leases leases;
    private final String holder;
    private final Duration leaseTerm;
    private final Duration leaseRenewal;
    /** {@link System#nanoTime()} at which the term this instance last got ends. */
    private volatile long heldUntil;
    private final Map<SeriesId, Bar> formingToWrite = new ConcurrentHashMap<>();
    private volatile Map<Symbol, Set<Timeframe>> streamed = Map.of();
    private volatile BinanceKlineStream stream;
    private volatile ScheduledExecutorService worker;
    private volatile ScheduledExecutorService leaseKeeper;

    BinanceLiveFeed(BinanceStreamProperties properties, ProviderChain history, LiveTargets targets, LiveCache cache,
            BarWriter writer, BackfillService backfill, TrackingService tracking, ApplicationEventPublisher events,
            Clock clock, Leases leases, JobEngineProperties jobs,
            @Value("${candlekeep.providers.binance.stream.enabled:}") String enabled,
            @Value("${candlekeep.providers.binance.stream.forming-write-interval:5s}") Duration formingWriteInterval,
            @Value("${candlekeep.providers.binance.stream.lease-term:20s}") Duration leaseTerm,
            @Value("${candlekeep.providers.binance.stream.lease-renewal:5s}") Duration leaseRenewal) {
        if (leaseRenewal.isNegative() || leaseRenewal.isZero() || leaseTerm.compareTo(leaseRenewal.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("candlekeep.providers.binance.stream.lease-renewal must be > 0 and "
                    + "lease-term at least twice as long, were " + leaseRenewal + " and " + leaseTerm);
        }
        this.properties = properties;
        this.history = history;
        this.targets = targets;
        this.cache = cache;
        this.writer = writer;
        this.backfill = backfill;
        this.tracking = tracking;
        this.events = events;
        this.clock = clock;
        this.enabled = enabled.trim();
        this.formingWriteInterval = formingWriteInterval;
        this.leases = leases;
        this.holder = jobs.instance() + "@" + UUID.randomUUID().toString().substring(0, 8);
        this.leaseTerm = leaseTerm;
        this.leaseRenewal = leaseRenewal;
    }

    boolean isEnabled() {
        if (!enabled.isEmpty()) {
            return Boolean.parseBoolean(enabled);
        }
        return BinanceHistoryProvider.NAME.equals(history.primaryFor(AssetClass.CRYPTO).name());
    }

    /** Starts once the application is ready, so that the first subscription sees the tracked symbols. */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!isEnabled() || worker != null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("binance-feed").daemon().factory());
        worker.scheduleWithFixedDelay(this::resubscribeQuietly, RESUBSCRIBE_EVERY.toMillis(), RESUBSCRIBE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::writeForming, formingWriteInterval.toMillis(), formingWriteInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        // two threads: the renewal may wait on the database while the other ends a term that ran out
        leaseKeeper = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("binance-lease-", 0).daemon().factory());
        leaseKeeper.scheduleWithFixedDelay(this::holdLease, 0, leaseRenewal.toMillis(), TimeUnit.MILLISECONDS);
        leaseKeeper.scheduleAtFixedRate(this::dropIfTermEnds, leaseRenewal.toMillis(), Math.max(1,
                leaseRenewal.toMillis() / 5), TimeUnit.MILLISECONDS);
        log.info("[BINANCE] live feed started as {}: {} once it holds the lease '{}'", holder, properties.streamUri(),
                LEASE);
    }

    /** Takes or renews the lease; connects when it got it, disconnects when another instance holds it. */
    private void holdLease() {
        long asked = System.nanoTime();
        boolean held;
        try {
            held = leases.hold(LEASE, holder, leaseTerm);
        } catch (RuntimeException e) {
            log.info("[BINANCE] lease '{}' not renewed: {}", LEASE, e.toString());
            return; // dropIfTermEnds ends the connection in time
        }
        if (held) {
            heldUntil = asked + leaseTerm.toNanos();
            connect();
        } else if (stream != null) {
            disconnect("instance " + leases.holder(LEASE).orElse("(another)") + " holds the lease");
        }
    }

    /** A term that ends before the next renewal could extend it ends the connection now, while it is still ours. */
    private void dropIfTermEnds() {
        if (stream != null && System.nanoTime() + leaseRenewal.toNanos() - heldUntil >= 0) {
            disconnect("the lease could not be renewed before its term ends");
        }
    }

    private synchronized void connect() {
        if (stream != null || worker == null) {
            return;
        }
        stream = new BinanceKlineStream(properties, this, clock);
        streamed = Map.of();
        int pairs = resubscribe();
        log.info("[BINANCE] holding the lease '{}': kline stream for {} pairs", LEASE, pairs);
        execute(() -> planGapFill("taken over")); // what nobody streamed before this instance took the lease
    }

    private synchronized void disconnect(String why) {
        BinanceKlineStream s = stream;
        if (s == null) {
            return;
        }
        stream = null;
        streamed = Map.of();
        s.close();
        log.info("[BINANCE] kline stream closed: {}", why);
    }

    /** Whether this instance holds the connection now. */
    boolean isStreaming() {
        return stream != null;
    }

    /** Subscribes exactly the ACTIVE tracked crypto pairs in their timeframes; answers how many pairs. */
    synchronized int resubscribe() {
        Map<Symbol, Set<Timeframe>> wanted = new TreeMap<>();
        targets.activeTimeframes().forEach((symbol, timeframes) -> {
            if (symbol.assetClass() == AssetClass.CRYPTO && !timeframes.isEmpty()) {
                wanted.put(symbol, EnumSet.copyOf(timeframes));
            }
        });
        Set<Timeframe> union = EnumSet.noneOf(Timeframe.class);
        wanted.values().forEach(union::addAll);
        BinanceKlineStream s = stream;
        if (s != null && !wanted.equals(streamed)) {
            s.subscribe(wanted.keySet(), union);
            streamed = Map.copyOf(wanted);
        }
        return wanted.size();
    }

    private void resubscribeQuietly() {
        try {
            resubscribe();
        } catch (RuntimeException e) {
            log.warn("[BINANCE] kline stream subscription not updated", e);
        }
    }

    @Override
    public void onKline(Kline kline) {
        execute(() -> take(kline));
    }

    private void take(Kline kline) {
        Set<Timeframe> timeframes = streamed.get(kline.symbol());
        if (timeframes == null || !timeframes.contains(kline.timeframe())) {
            return; // a stream subscribed for another pair's timeframe
        }
        SeriesId series = SeriesId.of(kline.symbol(), kline.timeframe());
        if (kline.isFinal()) {
            formingToWrite.computeIfPresent(series, (k, b) -> b.start().isAfter(kline.bar().start()) ? b : null);
            writer.write(series, List.of(kline.bar()), Set.of());
            log.debug("[BINANCE] {} closed at {}: written final", series, kline.bar().start());
            return;
        }
        formingToWrite.put(series, kline.bar());
        if (kline.timeframe() == timeframes.iterator().next()) {
            // the finest tracked timeframe speaks for the pair's price
            Quote quote = Quote.of(kline.symbol(), kline.bar().close(), clock.instant());
            cache.put(quote);
            events.publishEvent(new QuotesFetched(List.of(quote)));
        }
    }

    /** Writes the newest forming bar of each series that changed since the last time. */
    private void writeForming() {
        Map<SeriesId, Bar> due = new LinkedHashMap<>();
        formingToWrite.keySet().forEach(k -> {
            Bar bar = formingToWrite.remove(k);
            if (bar != null) {
                due.put(k, bar);
            }
        });
        due.forEach((series, bar) -> {
            try {
                writer.write(series, List.of(bar), Set.of());
            } catch (RuntimeException e) {
                log.info("[BINANCE] forming bar of {} not written: {}", series, e.toString());
            }
        });
    }

    /** What the stream missed while away is planned as a gap fill of each streamed series. */
    @Override
    public void onReconnected(Instant disconnectedAt) {
        execute(() -> planGapFill("back after a break since " + disconnectedAt));
    }

    private void planGapFill(String why) {
        int planned = 0;
        for (Map.Entry<Symbol, Set<Timeframe>> e : streamed.entrySet()) {
            int priority = tracking.findTracked(e.getKey()).map(TrackedSymbol::priority).orElse(0);
            planned += backfill.ensureJobs(e.getKey(), e.getValue(), priority, SyncTrigger.GAP_FILL).planned();
        }
        log.info("[BINANCE] kline stream {}: {} series planned to fill the gap", why, planned);
    }

    BinanceKlineStream.Stats stats() {
        BinanceKlineStream s = stream;
        return s == null ? null : s.stats();
    }

    private void execute(Runnable task) {
        ScheduledExecutorService w = worker;
        if (w == null) {
            return;
        }
        try {
            w.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("[BINANCE] kline not taken", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("[BINANCE] stopping: kline dropped");
        }
    }

    @Override
    public void start() {
        // started by ready(), once the tracked symbols can be read
    }

    /** Closes the connection and gives the lease up at once, so that another instance need not wait out its term. */
    @Override
    public void stop() {
        shutDown(leaseKeeper);
        boolean held = stream != null;
        disconnect("stopping");
        if (held) {
            try {
                leases.release(LEASE, holder);
            } catch (RuntimeException e) {
                log.info("[BINANCE] lease '{}' not released (another instance takes it when its term ends): {}", LEASE,
                        e.toString());
            }
        }
        shutDown(worker);
        leaseKeeper = null;
        worker = null;
    }

    private static void shutDown(ScheduledExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
