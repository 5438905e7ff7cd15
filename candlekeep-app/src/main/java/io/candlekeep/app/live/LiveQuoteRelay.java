package io.candlekeep.app.live;

import io.candlekeep.app.store.InstanceRelay;
import io.candlekeep.app.store.NotificationSender;
import io.candlekeep.app.store.StoreSelection;
import io.candlekeep.core.provider.Quote;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * On PostgreSQL, where several instances share the work: quotes this instance fetched are sent on the channel
 * {@value #CHANNEL}, and quotes any other instance fetched are put into this instance's {@link LiveCache}, so every
 * instance answers from its cache what one of them fetched, and announces it as {@link QuotesReceived}. Sending happens off the fetching thread: a slow or
 * absent database never delays a quote.
 */
@Component
@Conditional(StoreSelection.Postgres.class)
class LiveQuoteRelay extends InstanceRelay {

    static final String CHANNEL = "live_quotes";

    private static final Logger log = LoggerFactory.getLogger(LiveQuoteRelay.class);

    private final LiveCache cache;
    private final ApplicationEventPublisher events;

    LiveQuoteRelay(LiveCache cache, NotificationSender sender, ApplicationEventPublisher events) {
        super(sender, CHANNEL);
        this.cache = cache;
        this.events = events;
    }

    @EventListener
    void on(QuotesFetched event) {
        send(event.quotes().stream().map(QuoteJson::of).toList());
    }

    @Override
    protected void receive(List<JsonNode> items) {
        List<Quote> quotes = items.stream().map(QuoteJson::quote).toList();
        cache.putAll(quotes);
        events.publishEvent(new QuotesReceived(quotes));
        log.debug("[LIVE] {} quotes from another instance cached", quotes.size());
    }
}
