package io.candlekeep.app.symbols;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import io.candlekeep.core.provider.SearchOutcome;
import io.candlekeep.core.provider.SymbolSearchProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Finds symbols by ticker or name: the provider's answer (cached for {@code candlekeep.symbols.search-cache-ttl}, what it
 * says of each listing learned into the {@link SymbolDirectory}) merged with the stored listings that match and the
 * caller's own tracked symbols that do, ranked by {@link SearchQuery#rank} (ties in the provider's order, then by ticker).
 * A provider that is down, slow or refusing costs the answer its part only: the stored matches come back marked
 * {@code partial}, with the reason. Searching records no interest.
 */
@Service
public class SymbolSearch {

    private static final Logger log = LoggerFactory.getLogger(SymbolSearch.class);

    /** One result: the listing as known, and whether the caller tracks it. */
    public record Match(Listing listing, boolean tracked) {
    }

    /** The ranked results; {@code failure} says why the provider's part is missing, when it is. */
    public record Result(List<Match> matches, Optional<String> failure) {
        public Result {
            matches = List.copyOf(matches);
        }

        public boolean partial() {
            return failure.isPresent();
        }
    }

    /** What the provider answered to one query, or why it did not. */
    private record ProviderAnswer(List<Listing> listings, Optional<String> failure) {
    }

    /** A query as the cache knows it: in any case, for one limit. */
    private record AnswerKey(String lower, int limit) {
    }

    /** One candidate: its listing and its place in the provider's answer (after every provider result when stored only). */
    private record Candidate(Listing listing, int providerIndex, int rank) {
    }

    private final SymbolSearchProvider provider;
    private final SymbolDirectory directory;
    private final TrackingService tracking;
    private final SymbolsProperties properties;
    private final Cache<AnswerKey, List<Listing>> answers;

    SymbolSearch(SymbolSearchProvider provider, SymbolDirectory directory, TrackingService tracking,
            SymbolsProperties properties, Clock clock) {
        this.provider = provider;
        this.directory = directory;
        this.tracking = tracking;
        this.properties = properties;
        this.answers = Caffeine.newBuilder()
                .maximumSize(properties.searchCacheSize())
                .expireAfterWrite(properties.searchCacheTtl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** The matches of {@code query} for {@code caller} (empty for an anonymous caller, who tracks nothing). */
    public Result search(SearchQuery query, Optional<Caller> caller) {
        ProviderAnswer answer = providerAnswer(query);
        Map<Symbol, Candidate> candidates = new LinkedHashMap<>();
        for (int i = 0; i < answer.listings().size(); i++) {
            Listing reported = answer.listings().get(i);
            Listing known = directory.find(reported.symbol()).map(e -> e.listing().mergedWith(reported)).orElse(reported);
            candidates.putIfAbsent(known.symbol(), candidate(query, known, i));
        }
        int storedOnly = Integer.MAX_VALUE;
        for (SymbolDirectory.Entry stored : directory.matching(query, query.limit())) {
            candidates.putIfAbsent(stored.listing().symbol(), candidate(query, stored.listing(), storedOnly));
        }
        Set<Symbol> own = caller.map(tracking::symbolsOf).orElse(Set.of());
        for (Symbol symbol : own) {
            if (!candidates.containsKey(symbol) && query.rank(symbol, null) != SearchQuery.NO_MATCH) {
                candidates.put(symbol, candidate(query, directory.listingOf(symbol), storedOnly));
            }
        }
        List<Match> matches = candidates.values().stream()
                .sorted(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::providerIndex)
                        .thenComparing(c -> c.listing().symbol()))
                .limit(query.limit())
                .map(c -> new Match(c.listing(), own.contains(c.listing().symbol())))
                .toList();
        log.debug("[SYMBOLS] search '{}': {} of {} candidates ({} from {}){}", query.text(), matches.size(),
                candidates.size(), answer.listings().size(), provider.name(),
                answer.failure().map(f -> "; stored only: " + f).orElse(""));
        return new Result(matches, answer.failure());
    }

    private static Candidate candidate(SearchQuery query, Listing listing, int providerIndex) {
        return new Candidate(listing, providerIndex, query.rank(listing.symbol(), listing.name()));
    }

    private ProviderAnswer providerAnswer(SearchQuery query) {
        AnswerKey key = new AnswerKey(query.lower(), query.limit());
        List<Listing> cached = answers.getIfPresent(key);
        if (cached != null) {
            return new ProviderAnswer(cached, Optional.empty());
        }
        return switch (provider.search(query.text(), query.limit(), properties.searchTimeout())) {
            case SearchOutcome.Found found -> {
                answers.put(key, found.listings());
                found.listings().forEach(directory::learned);
                yield new ProviderAnswer(found.listings(), Optional.empty());
            }
            case SearchOutcome.RateLimited limited -> new ProviderAnswer(List.of(), Optional.of(
                    provider.name() + " refused the search as too many requests"
                            + limited.retryAfter().map(d -> " (retry after " + d.toSeconds() + " s)").orElse("")
                            + "; these are the stored symbols only"));
            case SearchOutcome.Failed failed -> new ProviderAnswer(List.of(), Optional.of(
                    failed.reason() + "; these are the stored symbols only"));
        };
    }
}
