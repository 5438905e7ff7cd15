package io.candlekeep.app.stream;

import io.candlekeep.app.live.LiveRefreshService;
import io.candlekeep.core.domain.Symbol;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A symbol someone watches on the feed is refreshed more often than the tracked ones at large: every {@link
 * StreamProperties#subscribedRefresh()} its quote is fetched (one request per provider batch of symbols, far inside
 * a provider's rate limit at the default 60 s), cached, written into the forming bars and pushed.
 */
@Component
class SubscribedRefresh implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubscribedRefresh.class);

    private final StreamHub hub;
    private final LiveRefreshService live;
    private final StreamProperties properties;
    private volatile ScheduledExecutorService timer;

    SubscribedRefresh(StreamHub hub, LiveRefreshService live, StreamProperties properties) {
        this.hub = hub;
        this.live = live;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        long every = properties.subscribedRefresh().toMillis();
        if (every == 0 || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stream-refresh").daemon().factory());
        timer.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        Set<Symbol> watched = hub.quoteSymbols();
        if (watched.isEmpty()) {
            return;
        }
        try {
            live.refresh(watched);
        } catch (RuntimeException e) {
            log.warn("[STREAM] refresh of the {} subscribed symbols failed", watched.size(), e);
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
