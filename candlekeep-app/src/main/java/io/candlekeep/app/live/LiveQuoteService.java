package io.candlekeep.app.live;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Quotes on request: from the {@link LiveCache} where fresh, else from the quote provider at once (then cached, and
 * announced as {@link QuotesFetched}).
 */
@Service
public class LiveQuoteService {

    private static final Logger log = LoggerFactory.getLogger(LiveQuoteService.class);

    /** Where a quote came from. */
    public enum Source {
        CACHE, PROVIDER
    }

    public record SourcedQuote(Quote quote, Source source) {
    }

    /**
     * The answer for a list of symbols, in the order asked: quotes, symbols the provider does not know, symbols
     * left without a quote because the provider failed ({@code failure} says why).
     */
    public record QuoteLookup(List<SourcedQuote> quotes, List<Symbol> notFound, List<Symbol> unavailable,
            Optional<String> failure) {
    }

    private final LiveCache cache;
    private final QuoteProvider provider;
    private final ApplicationEventPublisher events;

    /** A service that announces nothing, for tests. */
    public LiveQuoteService(LiveCache cache, QuoteProvider provider) {
        this(cache, provider, event -> {
        });
    }

    @Autowired
    public LiveQuoteService(LiveCache cache, QuoteProvider provider, ApplicationEventPublisher events) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.events = Objects.requireNonNull(events, "events");
    }

    public QuoteLookup lookup(List<Symbol> symbols) {
        List<Symbol> unique = List.copyOf(new LinkedHashSet<>(symbols));
        List<Quote> cached = new ArrayList<>();
        List<Symbol> misses = new ArrayList<>();
        for (Symbol s : unique) {
            cache.find(s).ifPresentOrElse(cached::add, () -> misses.add(s));
        }
        QuoteBatch fetched = misses.isEmpty() ? QuoteBatch.empty() : fetch(misses);
        cache.putAll(fetched.quotes().values());
        if (!fetched.quotes().isEmpty()) {
            events.publishEvent(new QuotesFetched(List.copyOf(fetched.quotes().values())));
        }
        List<SourcedQuote> quotes = new ArrayList<>();
        List<Symbol> notFound = new ArrayList<>();
        List<Symbol> unavailable = new ArrayList<>();
        for (Symbol s : unique) {
            Optional<Quote> hit = cached.stream().filter(q -> q.symbol().equals(s)).findFirst();
            if (hit.isPresent()) {
                quotes.add(new SourcedQuote(hit.get(), Source.CACHE));
            } else if (fetched.quotes().containsKey(s)) {
                quotes.add(new SourcedQuote(fetched.quotes().get(s), Source.PROVIDER));
            } else if (fetched.notFound().contains(s)) {
                notFound.add(s);
            } else {
                unavailable.add(s);
            }
        }
        return new QuoteLookup(quotes, notFound, unavailable,
                unavailable.isEmpty() ? Optional.empty() : fetched.failure().or(() -> Optional.of("no answer")));
    }

    private QuoteBatch fetch(List<Symbol> misses) {
        QuoteBatch answer = QuoteBatch.empty();
        int size = provider.maxBatchSize();
        for (int from = 0; from < misses.size(); from += size) {
            List<Symbol> batch = misses.subList(from, Math.min(misses.size(), from + size));
            try {
                answer = answer.merge(provider.quotes(batch));
            } catch (RuntimeException e) {
                log.warn("[LIVE] quote provider {} threw for {}", provider.name(), batch, e);
                answer = answer.merge(QuoteBatch.failed(provider.name() + " failed: " + e.getClass().getSimpleName()));
            }
        }
        return answer;
    }
}
