package io.candlekeep.core.provider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a symbol search answered. Providers return these; they do not throw. */
public sealed interface SearchOutcome {

    /** The listings found, best first by the provider's own relevance; possibly none. */
    record Found(List<Listing> listings) implements SearchOutcome {
        public Found {
            listings = List.copyOf(listings);
        }
    }

    /** Too many requests; the provider may have said how long to wait. */
    record RateLimited(Optional<Duration> retryAfter) implements SearchOutcome {
    }

    /** Anything else: a timeout, a 5xx, a body that is not a search answer. */
    record Failed(String reason) implements SearchOutcome {
    }
}
