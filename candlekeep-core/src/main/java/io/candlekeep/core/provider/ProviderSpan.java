package io.candlekeep.core.provider;

import io.candlekeep.core.domain.TimeRange;
import java.time.Instant;
import java.util.Objects;

/**
 * A range of a series whose stored bars one provider wrote last, {@code [startInclusive, endExclusive)}: the first of
 * its bars starts at the range's start, the last ends by its end.
 */
public record ProviderSpan(String provider, TimeRange range) {

    public ProviderSpan {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("A span needs a provider, was '" + provider + "'");
        }
        Objects.requireNonNull(range, "range");
        if (range.isEmpty()) {
            throw new IllegalArgumentException("The span of '" + provider + "' is empty: " + range);
        }
    }

    public static ProviderSpan of(String provider, Instant startInclusive, Instant endExclusive) {
        return new ProviderSpan(provider, TimeRange.of(startInclusive, endExclusive));
    }

    public Instant startInclusive() {
        return range.startInclusive();
    }

    public Instant endExclusive() {
        return range.endExclusive();
    }

    /** A copy over {@code range}, of the same provider. */
    public ProviderSpan withRange(Instant startInclusive, Instant endExclusive) {
        return of(provider, startInclusive, endExclusive);
    }

    boolean overlaps(TimeRange other) {
        return startInclusive().isBefore(other.endExclusive()) && other.startInclusive().isBefore(endExclusive());
    }

    @Override
    public String toString() {
        return provider + range;
    }
}
