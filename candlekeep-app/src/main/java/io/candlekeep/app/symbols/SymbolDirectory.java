package io.candlekeep.app.symbols;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import io.candlekeep.core.provider.ListingListener;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What is known of each symbol's listing (table {@code symbols}): what providers said of it in search results, quotes
 * and chart metadata, merged part by part ({@link Listing#mergedWith}).
 *
 * <p>Providers report a listing with every quote and chart they answer ({@link #learned}), so that path costs nothing
 * when nothing is new: a report equal to what the directory holds in memory is dropped at once. Anything else goes to
 * one writer thread of the directory's own, which reads the stored row, merges and writes only what changed; the
 * reporting thread (a request, the live refresh, a backfill slice, perhaps inside a transaction of its own) never waits
 * for the database. Reads ({@link #find}) are answered from memory: at most {@value #MEMORY_ENTRIES} symbols, each
 * read again from the table after {@value #MEMORY_MINUTES} minutes, so that what another instance learned shows.
 */
@Component
public class SymbolDirectory implements ListingListener {

    static final int MEMORY_ENTRIES = 10_000;
    static final long MEMORY_MINUTES = 10;
    /** Reports waiting for the writer; more are dropped (each is reported again with the next quote). */
    static final int QUEUE_CAPACITY = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SymbolDirectory.class);

    /** One symbol's listing as stored, and when it last changed. */
    public record Entry(Listing listing, Instant updatedAt) {
        public Entry {
            Objects.requireNonNull(listing, "listing");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    private final SymbolRepository repository;
    private final Clock clock;
    private final Cache<Symbol, Optional<Entry>> memory;
    private final ExecutorService writer;

    SymbolDirectory(SymbolRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.memory = Caffeine.newBuilder()
                .maximumSize(MEMORY_ENTRIES)
                .expireAfterWrite(Duration.ofMinutes(MEMORY_MINUTES))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE_CAPACITY),
                Thread.ofPlatform().name("symbol-directory").daemon().factory());
    }

    /** What is known of {@code symbol}'s listing, if any provider has described it. */
    public Optional<Entry> find(Symbol symbol) {
        return memory.get(symbol, repository::find);
    }

    /** The listing of {@code symbol} as known, or one that knows nothing but the symbol. */
    public Listing listingOf(Symbol symbol) {
        return find(symbol).map(Entry::listing).orElseGet(() -> Listing.of(symbol));
    }

    /**
     * The stored listings whose ticker or name matches {@code query}, at most {@code limit}, best first by
     * {@link SearchQuery#rank}; read from the table, which holds every symbol ever described.
     */
    List<Entry> matching(SearchQuery query, int limit) {
        return repository.matching(query, limit);
    }

    /**
     * Takes in what a provider reported of a listing; it is stored by the directory's writer soon after, unless it adds
     * nothing to what is known. Never blocks and never throws.
     */
    @Override
    public void learned(Listing listing) {
        if (listing == null || listing.isEmpty()) {
            return;
        }
        Optional<Entry> known = memory.getIfPresent(listing.symbol());
        if (known != null && known.isPresent() && known.get().listing().mergedWith(listing).equals(known.get().listing())) {
            return;
        }
        try {
            writer.execute(() -> store(listing));
        } catch (RejectedExecutionException e) {
            log.debug("[SYMBOLS] what was learned of {} is dropped: {} reports are waiting to be stored", listing.symbol(),
                    QUEUE_CAPACITY);
        }
    }

    /** On the writer: merges {@code listing} into the stored row and writes it when that changes anything. */
    private void store(Listing listing) {
        Symbol symbol = listing.symbol();
        try {
            Optional<Entry> stored = repository.find(symbol);
            Listing merged = stored.map(e -> e.listing().mergedWith(listing)).orElse(listing);
            if (stored.isPresent() && merged.equals(stored.get().listing())) {
                memory.put(symbol, stored);
                return;
            }
            Instant now = clock.instant();
            repository.upsert(merged, now);
            memory.put(symbol, Optional.of(new Entry(merged, now)));
            log.debug("[SYMBOLS] {} {}: {}", stored.isPresent() ? "updated" : "learned", symbol, merged);
        } catch (RuntimeException e) {
            // the next report tries again; memory must not claim what the table does not hold
            memory.invalidate(symbol);
            log.debug("[SYMBOLS] could not store what was learned of {}: {}", symbol, e.toString());
        }
    }

    /** Lets the reports already taken in be stored, for a few seconds at most. */
    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
    }
}
