package io.candlekeep.core.provider;

import io.candlekeep.core.domain.Symbol;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a quote provider answered for a list of symbols. A symbol is in at most one of {@code quotes} and
 * {@code notFound}; a requested symbol in neither went unanswered, and {@code failure} then says why. Partial
 * answers are normal: one request of several may fail while the others deliver.
 *
 * @param notFound symbols the provider does not know (unknown, delisted, or an asset class it does not serve)
 * @param failure  why some or all symbols went unanswered (HTTP status, rate limit, malformed body), if any did
 */
public record QuoteBatch(Map<Symbol, Quote> quotes, Set<Symbol> notFound, Optional<String> failure) {

    private static final QuoteBatch EMPTY = new QuoteBatch(Map.of(), Set.of(), Optional.empty());

    public QuoteBatch {
        quotes = Map.copyOf(quotes);
        notFound = Set.copyOf(notFound);
        Objects.requireNonNull(failure, "failure");
        for (Map.Entry<Symbol, Quote> e : quotes.entrySet()) {
            if (!e.getKey().equals(e.getValue().symbol())) {
                throw new IllegalArgumentException("Quote of '" + e.getValue().symbol() + "' is filed under '"
                        + e.getKey() + "'");
            }
            if (notFound.contains(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is both quoted and not found");
            }
        }
    }

    public static QuoteBatch empty() {
        return EMPTY;
    }

    /** A complete answer: these quotes, and the rest not found. */
    public static QuoteBatch of(Collection<Quote> quotes, Collection<Symbol> notFound) {
        Map<Symbol, Quote> bySymbol = new LinkedHashMap<>();
        quotes.forEach(q -> bySymbol.put(q.symbol(), q));
        return new QuoteBatch(bySymbol, Set.copyOf(notFound), Optional.empty());
    }

    /** Nothing answered, because of {@code reason}. */
    public static QuoteBatch failed(String reason) {
        return new QuoteBatch(Map.of(), Set.of(), Optional.of(reason));
    }

    /** Both answers together; failures are joined with {@code "; "}. */
    public QuoteBatch merge(QuoteBatch other) {
        Map<Symbol, Quote> q = new LinkedHashMap<>(quotes);
        q.putAll(other.quotes);
        Set<Symbol> nf = new LinkedHashSet<>(notFound);
        nf.addAll(other.notFound);
        nf.removeAll(q.keySet());
        Optional<String> f = failure.isEmpty() ? other.failure
                : other.failure.map(o -> failure.get() + "; " + o).or(() -> failure);
        return new QuoteBatch(q, nf, f);
    }

    public Optional<Quote> findQuote(Symbol symbol) {
        return Optional.ofNullable(quotes.get(symbol));
    }

    /** The symbols of {@code requested}, in order, that got neither a quote nor a not-found answer. */
    public List<Symbol> unanswered(Collection<Symbol> requested) {
        return requested.stream().filter(s -> !quotes.containsKey(s) && !notFound.contains(s)).distinct().toList();
    }
}
