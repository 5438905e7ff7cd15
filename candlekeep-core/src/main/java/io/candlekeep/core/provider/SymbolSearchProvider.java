package io.candlekeep.core.provider;

import java.time.Duration;
import java.util.List;

/** A provider's search for symbols by ticker or name. Implementations answer with a value and never throw for provider faults. */
public interface SymbolSearchProvider {

    /** A short stable name such as {@code yahoo}. */
    String name();

    /**
     * Listings whose ticker or name matches {@code query}, at most {@code limit}, best first; answered within
     * {@code timeout} or {@link SearchOutcome.Failed}.
     */
    SearchOutcome search(String query, int limit, Duration timeout);

    /** For providers that have no search: finds nothing, at once. */
    static SymbolSearchProvider none() {
        return new SymbolSearchProvider() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public SearchOutcome search(String query, int limit, Duration timeout) {
                return new SearchOutcome.Found(List.of());
            }
        };
    }
}
