package io.candlekeep.core.provider;

import io.candlekeep.core.domain.Bar;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a provider answered to one request. Providers return these; they do not throw. */
public sealed interface FetchOutcome {

    /** Bars (sorted, aligned, possibly empty only through {@link NoData}) and any corporate actions in range. */
    record Fetched(List<Bar> bars, List<CorporateAction> actions) implements FetchOutcome {
        public Fetched {
            bars = List.copyOf(bars);
            actions = List.copyOf(actions);
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
