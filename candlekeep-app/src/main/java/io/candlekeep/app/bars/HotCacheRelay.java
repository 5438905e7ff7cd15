package io.candlekeep.app.bars;

import io.candlekeep.app.store.InstanceRelay;
import io.candlekeep.app.store.NotificationSender;
import io.candlekeep.app.store.StoreSelection;
import io.candlekeep.core.domain.SeriesId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On PostgreSQL, where several instances share the work: each instance's {@link HotBarCache} holds what it read,
 * and a slice another instance ran writes behind its back. So the series this instance writes are sent on the
 * channel {@value #CHANNEL}, and the other instances drop their cached copy of them and announce {@link BarsWrittenElsewhere}; their next read loads the
 * series again. A write the instance made itself is in its own cache already. When the notifications were
 * interrupted (the database restarted), the whole cache goes, and {@link WritesMissed} says so.
 */
@Component
@Conditional(StoreSelection.Postgres.class)
class HotCacheRelay extends InstanceRelay {

    static final String CHANNEL = "bars_written";

    private static final Logger log = LoggerFactory.getLogger(HotCacheRelay.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HotBarCache cache;
    private final ApplicationEventPublisher events;

    HotCacheRelay(HotBarCache cache, NotificationSender sender, ApplicationEventPublisher events) {
        super(sender, CHANNEL);
        this.cache = cache;
        this.events = events;
    }

    @EventListener
    void on(BarsWritten event) {
        send(event.series().stream().map(s -> JSON.writeValueAsString(s.toString())).toList());
    }

    /** After the database came back, any series may have been written meanwhile: the whole cache goes. */
    @Override
    public void onListening(boolean resumed) {
        if (resumed) {
            cache.invalidateAll();
            events.publishEvent(new WritesMissed());
            log.info("[BARS] notifications of other instances' writes may have been missed: hot cache emptied");
        }
    }

    @Override
    protected void receive(List<JsonNode> items) {
        List<SeriesId> series = items.stream().map(n -> SeriesId.parse(n.asString())).toList();
        series.forEach(cache::invalidate);
        events.publishEvent(new BarsWrittenElsewhere(series));
        log.debug("[BARS] {} series written by another instance dropped from the hot cache", items.size());
    }
}
