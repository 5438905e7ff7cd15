package io.candlekeep.core.provider;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one provider can serve: the asset classes, the timeframes it has natively, how far back each
 * timeframe reaches (absent = no limit), the widest range one request may ask for, and its request rate.
 */
public record ProviderCapabilities(
        Set<AssetClass> assetClasses,
        Set<Timeframe> nativeTimeframes,
        Map<Timeframe, Duration> lookback,
        Map<Timeframe, Duration> maxRangePerRequest,
        double requestsPerSecond) {

    public ProviderCapabilities {
        assetClasses = Set.copyOf(assetClasses);
        nativeTimeframes = Set.copyOf(nativeTimeframes);
        lookback = Map.copyOf(lookback);
        maxRangePerRequest = Map.copyOf(maxRangePerRequest);
        if (nativeTimeframes.isEmpty()) {
            throw new IllegalArgumentException("A provider needs at least one native timeframe");
        }
        for (Timeframe tf : nativeTimeframes) {
            if (!maxRangePerRequest.containsKey(tf)) {
                throw new IllegalArgumentException("maxRangePerRequest has no entry for native timeframe " + tf);
            }
        }
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
        }
    }

    public boolean serves(AssetClass assetClass) {
        return assetClasses.contains(assetClass);
    }

    public boolean isNative(Timeframe timeframe) {
        return nativeTimeframes.contains(timeframe);
    }

    /**
     * What every adapter checks before it asks {@code provider}: a timeframe it does not have natively and an empty or
     * reversed range are the caller's mistakes, not provider faults ({@link IllegalArgumentException}); a symbol of an
     * asset class it does not serve is answered {@link FetchOutcome.NotFound}. Empty when the fetch may go ahead.
     */
    public Optional<FetchOutcome> refusal(String provider, Symbol symbol, Timeframe timeframe, Instant startInclusive,
            Instant endExclusive) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        if (!isNative(timeframe)) {
            throw new IllegalArgumentException(nativeTimeframes.size() == 1
                    ? provider + " serves " + nativeTimeframes.iterator().next() + " only, not " + timeframe
                    : provider + " has no native " + timeframe + "; ask for one of " + nativeTimeframes);
        }
        if (TimeRange.of(startInclusive, endExclusive).isEmpty()) {
            throw new IllegalArgumentException("Empty or reversed range [" + startInclusive + ", " + endExclusive
                    + ") for '" + symbol + "' " + timeframe);
        }
        if (!serves(symbol.assetClass())) {
            return Optional.of(new FetchOutcome.NotFound(provider + " serves " + assetClasses + " only, not "
                    + symbol.assetClass() + " symbols such as '" + symbol + "'"));
        }
        return Optional.empty();
    }

    /**
     * The timeframe to fetch so that {@code timeframe} can be had: itself when native, else the
     * coarsest native timeframe that divides it (4h from 1h).
     */
    public Timeframe sourceOf(Timeframe timeframe) {
        if (isNative(timeframe)) {
            return timeframe;
        }
        Timeframe best = null;
        for (Timeframe tf : Timeframe.values()) {
            if (isNative(tf) && tf.millis() < timeframe.millis() && timeframe.millis() % tf.millis() == 0) {
                best = tf;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("No native timeframe can build " + timeframe + " from " + nativeTimeframes);
        }
        return best;
    }

    /** How far back {@code timeframe} reaches, or empty when there is no limit. */
    public Optional<Duration> lookbackOf(Timeframe timeframe) {
        return Optional.ofNullable(lookback.get(timeframe));
    }

    public Duration maxRangeOf(Timeframe timeframe) {
        Duration d = maxRangePerRequest.get(timeframe);
        if (d == null) {
            throw new IllegalArgumentException(timeframe + " is not native to this provider");
        }
        return d;
    }
}
