package io.candlekeep.app.provider.binance;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SyncTrigger;
import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.LiveTargets;
import io.candlekeep.app.live.QuotesFetched;
import io.candlekeep.app.provider.ProviderChain;
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
 * <p>On by default when crypto history comes from Binance ({@code candlekeep.crypto-providers}); {@code
 * candlekeep.providers.binance.stream.enabled} turns it on or off regardless.
 */
@Component
class BinanceLiveFeed implements KlineListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BinanceLiveFeed.class);
    /** How often the tracked set is compared with the stream's; a new pair also waits at most this long. */
    static final Duration RESUBSCRIBE_EVERY = Duration.ofSeconds(30);

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
    private final Map<SeriesId, Bar> formingToWrite = new ConcurrentHashMap<>();
    private volatile Map<Symbol, Set<Timeframe>> streamed = Map.of();
    private volatile BinanceKlineStream stream;
    private volatile ScheduledExecutorService worker;

    BinanceLiveFeed(BinanceStreamProperties properties, ProviderChain history, LiveTargets targets, LiveCache cache,
            BarWriter writer, BackfillService backfill, TrackingService tracking, ApplicationEventPublisher events,
            Clock clock, @Value("${candlekeep.providers.binance.stream.enabled:}") String enabled,
            @Value("${candlekeep.providers.binance.stream.forming-write-interval:5s}") Duration formingWriteInterval) {
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
        stream = new BinanceKlineStream(properties, this, clock);
        worker.scheduleWithFixedDelay(this::resubscribeQuietly, 0, RESUBSCRIBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::writeForming, formingWriteInterval.toMillis(), formingWriteInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("[BINANCE] live feed started: {}", properties.streamUri());
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
        execute(() -> {
            int planned = 0;
            for (Map.Entry<Symbol, Set<Timeframe>> e : streamed.entrySet()) {
                int priority = tracking.findTracked(e.getKey()).map(TrackedSymbol::priority).orElse(0);
                planned += backfill.ensureJobs(e.getKey(), e.getValue(), priority, SyncTrigger.GAP_FILL).planned();
            }
            log.info("[BINANCE] kline stream back after a break since {}: {} series planned to fill the gap",
                    disconnectedAt, planned);
        });
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

    @Override
    public void stop() {
        BinanceKlineStream s = stream;
        if (s != null) {
            s.close();
        }
        ScheduledExecutorService w = worker;
        if (w != null) {
            w.shutdown();
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stream = null;
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
