package io.candlekeep.app.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The live cache's lookups, {@code candlekeep_live_cache_hits_total} and {@code candlekeep_live_cache_misses_total}
 * (a hit ratio is {@code rate(hits) / (rate(hits) + rate(misses))}), and {@code candlekeep_live_cache_entries}, the
 * fresh quotes it holds. Read from the cache's own counts.
 */
@Component
class LiveMetrics implements MeterBinder {

    private final LiveCache cache;

    LiveMetrics(LiveCache cache) {
        this.cache = cache;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("candlekeep.live.cache.hits", cache, c -> c.stats().hits())
                .description("Quote lookups the live cache answered with a fresh quote")
                .register(registry);
        FunctionCounter.builder("candlekeep.live.cache.misses", cache, c -> c.stats().misses())
                .description("Quote lookups the live cache had no fresh quote for")
                .register(registry);
        Gauge.builder("candlekeep.live.cache.entries", cache, c -> c.stats().entries())
                .description("Fresh quotes the live cache holds")
                .register(registry);
    }
}
