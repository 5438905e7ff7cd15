package io.candlekeep.app.live;

import io.candlekeep.app.store.NotificationListener;
import io.candlekeep.app.store.NotificationSender;
import io.candlekeep.app.store.StoreSelection;
import io.candlekeep.core.provider.Quote;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, where several instances share the work: quotes this instance fetched are sent on the channel
 * {@value #CHANNEL}, and quotes any other instance fetched are put into this instance's {@link LiveCache}, so every
 * instance answers from its cache what one of them fetched. Sending happens off the fetching thread: a slow or
 * absent database never delays a quote.
 */
@Component
@Conditional(StoreSelection.Postgres.class)
class LiveQuoteRelay implements NotificationListener {

    static final String CHANNEL = "live_quotes";

    private static final Logger log = LoggerFactory.getLogger(LiveQuoteRelay.class);
    /** Fetches waiting to be sent; more are dropped (the next refresh sends them again). */
    private static final int QUEUE = 200;

    /** Tells this instance's own notifications, which come back to it, from the others'. */
    private final String origin = UUID.randomUUID().toString();
    private final LiveCache cache;
    private final NotificationSender sender;
    private final ThreadPoolExecutor sending = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), Thread.ofPlatform().name("candlekeep-quote-relay").daemon().factory(),
            (task, executor) -> log.debug("[LIVE] {} fetches wait to be shared; one more dropped", QUEUE));

    LiveQuoteRelay(LiveCache cache, NotificationSender sender) {
        this.cache = cache;
        this.sender = sender;
    }

    @EventListener
    void on(QuotesFetched event) {
        sending.execute(() -> send(event.quotes()));
    }

    private void send(List<Quote> quotes) {
        try {
            for (String payload : QuotePayloads.encode(origin, quotes, NotificationSender.MAX_PAYLOAD_BYTES)) {
                sender.send(CHANNEL, payload);
            }
        } catch (RuntimeException e) {
            log.info("[LIVE] {} fetched quotes not shared with the other instances: {}", quotes.size(), e.toString());
        }
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void onNotification(String payload) {
        QuotePayloads.Received received = QuotePayloads.decode(payload);
        if (received.origin().equals(origin)) {
            return;
        }
        cache.putAll(received.quotes());
        log.debug("[LIVE] {} quotes from another instance cached", received.quotes().size());
    }

    @PreDestroy
    void close() throws InterruptedException {
        sending.shutdown();
        sending.awaitTermination(5, TimeUnit.SECONDS);
    }
}
