package io.candlekeep.app.provider.simulated;

import io.candlekeep.app.live.LiveRefreshService;
import io.candlekeep.app.live.LiveTargets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Offline, a live feed too: with {@code candlekeep.provider=simulated}, every {@code
 * candlekeep.providers.simulated.tick-interval} (5 s; {@code 0s} turns it off) each ACTIVE tracked symbol whose
 * market is open gets its quote from the simulated price path (seeded per symbol, on the real calendars), into the
 * live cache, announced like any fetched quote (so WebSocket subscribers see it move), and into its forming bars: a
 * live refresh of every tracked symbol, quietly. A symbol whose market is closed keeps its last close (the feed does
 * not send a quote again that it sent already).
 */
@Component
class SimulatedTicker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTicker.class);

    private final String provider;
    private final Duration interval;
    private final LiveTargets targets;
    private final LiveRefreshService live;
    private volatile ScheduledExecutorService timer;

    SimulatedTicker(@Value("${candlekeep.provider:yahoo}") String provider,
            @Value("${candlekeep.providers.simulated.tick-interval:5s}") Duration interval, LiveTargets targets,
            LiveRefreshService live) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("candlekeep.providers.simulated.tick-interval must be >= 0 but was " + interval);
        }
        this.provider = provider.trim();
        this.interval = interval;
        this.targets = targets;
        this.live = live;
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

    private void tickQuietly() {
        try {
            live.refresh(targets.activeTimeframes().keySet());
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
