package io.candlekeep.core.provider;

import io.candlekeep.core.domain.Bar;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a provider answered to one request. Providers return these; they do not throw. */
public sealed interface FetchOutcome {

    /**
     * Bars (sorted, aligned, possibly empty only through {@link NoData}) and any corporate actions in range, with the
     * name of the provider that answered them when a chain of providers says which one it was.
     */
    record Fetched(List<Bar> bars, List<CorporateAction> actions, Optional<String> provider) implements FetchOutcome {
        public Fetched {
            bars = List.copyOf(bars);
            actions = List.copyOf(actions);
            provider = Objects.requireNonNull(provider, "provider");
        }

        /** Bars a provider answered itself: the caller knows which provider it asked. */
        public Fetched(List<Bar> bars, List<CorporateAction> actions) {
            this(bars, actions, Optional.empty());
        }

        /** The same answer, naming {@code provider} as the one that gave it. */
        public Fetched withProvider(String provider) {
            return new Fetched(bars, actions, Optional.of(provider));
        }
    }

    /** The provider has nothing for that range (a holiday, a weekend, before listing). */
    record NoData(String reason) implements FetchOutcome {
    }

    /** Too many requests; try again after {@code retryAfter} when the provider said so. */
    record RateLimited(Optional<Duration> retryAfter) implements FetchOutcome {
    }

    /** Unknown or delisted symbol: stop retrying. */
    record NotFound(String reason) implements FetchOutcome {
    }

    /** Anything else: a timeout, a 5xx, garbage. Worth retrying later. */
    record Failed(String reason, Throwable cause) implements FetchOutcome {
        public Failed(String reason) {
            this(reason, null);
        }
    }
}
