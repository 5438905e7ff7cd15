package io.candlekeep.app.provider.simulated;

import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.LiveRefreshService;
import io.candlekeep.app.live.LiveTargets;
import io.candlekeep.app.live.QuotesFetched;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Offline, a live feed too: with {@code candlekeep.provider=simulated}, every {@code
 * candlekeep.providers.simulated.tick-interval} (5 s; {@code 0s} turns it off) each ACTIVE tracked symbol whose
 * market is open gets its quote from the simulated price path (seeded per symbol, on the real calendars), into the
 * live cache, announced like any fetched quote (so WebSocket subscribers see it move), and into its forming bars. A
 * symbol whose market is closed keeps its last close and is not announced again.
 */
@Component
class SimulatedTicker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTicker.class);

    private final String provider;
    private final Duration interval;
    private final QuoteProvider quotes;
    private final LiveTargets targets;
    private final LiveCache cache;
    private final LiveRefreshService live;
    private final ApplicationEventPublisher events;
    private final Map<Symbol, Quote> announced = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    SimulatedTicker(@Value("${candlekeep.provider:yahoo}") String provider,
            @Value("${candlekeep.providers.simulated.tick-interval:5s}") Duration interval, QuoteProvider quotes,
            LiveTargets targets, LiveCache cache, LiveRefreshService live, ApplicationEventPublisher events) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("candlekeep.providers.simulated.tick-interval must be >= 0 but was " + interval);
        }
        this.provider = provider.trim();
        this.interval = interval;
        this.quotes = quotes;
        this.targets = targets;
        this.cache = cache;
        this.live = live;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!SimulatedQuoteProvider.NAME.equalsIgnoreCase(provider) || interval.isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("simulated-ticks").daemon().factory());
        timer.scheduleWithFixedDelay(this::tickQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("[PROVIDER] simulated ticks every {} ms for the tracked symbols", interval.toMillis());
    }

    /** One tick; answers the quotes that moved. */
    int tick() {
        Map<Symbol, Set<Timeframe>> tracked = targets.activeTimeframes();
        List<Symbol> symbols = new ArrayList<>(tracked.keySet());
        int moved = 0;
        for (int from = 0; from < symbols.size(); from += quotes.maxBatchSize()) {
            QuoteBatch batch = quotes.quotes(symbols.subList(from, Math.min(symbols.size(), from + quotes.maxBatchSize())));
            List<Quote> fresh = new ArrayList<>();
            for (Quote q : batch.quotes().values()) {
                if (!q.equals(announced.put(q.symbol(), q))) {
                    fresh.add(q);
                }
            }
            if (fresh.isEmpty()) {
                continue;
            }
            cache.putAll(fresh);
            events.publishEvent(new QuotesFetched(fresh));
            for (Quote q : fresh) {
                live.writeForming(q, tracked.get(q.symbol()));
            }
            moved += fresh.size();
        }
        announced.keySet().retainAll(tracked.keySet());
        return moved;
    }

    private void tickQuietly() {
        try {
            log.debug("[PROVIDER] simulated tick: {} quotes moved", tick());
        } catch (RuntimeException e) {
            log.warn("[PROVIDER] simulated tick failed", e);
        }
    }

    @Override
    public void destroy() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }
}
