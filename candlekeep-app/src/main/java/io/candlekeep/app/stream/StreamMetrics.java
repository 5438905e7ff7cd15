package io.candlekeep.app.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The feed of this instance, read from {@link StreamHub#stats()}: {@code candlekeep_stream_connections},
 * {@code candlekeep_stream_subscriptions} (symbols subscribed, summed over the connections),
 * {@code candlekeep_stream_messages_sent_total{type}} ({@code quote}, {@code bar}) and
 * {@code candlekeep_stream_closed_too_slow_total} (connections closed with 1013 for a full outbox).
 */
@Component
class StreamMetrics implements MeterBinder {

    private final StreamHub hub;

    StreamMetrics(StreamHub hub) {
        this.hub = hub;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("candlekeep.stream.connections", hub, h -> h.stats().connections())
                .description("Open WebSocket connections of the feed")
                .register(registry);
        Gauge.builder("candlekeep.stream.subscriptions", hub, h -> h.stats().subscriptions())
                .description("Symbols subscribed to, summed over the open connections")
                .register(registry);
        sent(registry, "quote", h -> h.stats().quotesSent());
        sent(registry, "bar", h -> h.stats().barsSent());
        FunctionCounter.builder("candlekeep.stream.closed.too.slow", hub, h -> h.stats().closedTooSlow())
                .description("Connections closed (1013) because their outbox was full: readers too slow for the feed")
                .register(registry);
    }

    private void sent(MeterRegistry registry, String type, ToDoubleFunction<StreamHub> count) {
        FunctionCounter.builder("candlekeep.stream.messages.sent", hub, count)
                .description("Quote and bar updates offered to subscribers' outboxes (snapshots not counted)")
                .tag("type", type)
                .register(registry);
    }
}
