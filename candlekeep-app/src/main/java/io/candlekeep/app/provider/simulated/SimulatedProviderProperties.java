package io.candlekeep.app.provider.simulated;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the simulated provider. Every component may be left out (null); the defaults then serve
 * tests and demos: no latency, native {@code 15m 1h 1d} (so {@code 4h} takes the derived path, as on
 * Yahoo), no lookback limit, at most 60 days of 15m, 730 days of 1h or 4h and 10 years of 1d a request,
 * 1000 requests a second, and symbols starting with {@code ZZZ} reported as unknown.
 *
 * @param latency how long each request takes
 * @param nativeTimeframes timeframe codes served natively ({@code 15m}, {@code 1h}, {@code 4h}, {@code 1d})
 * @param lookback how far back a timeframe reaches, by timeframe code; missing = no limit
 * @param maxRange the widest range one request may ask for, by timeframe code; merged over the defaults
 * @param requestsPerSecond the rate limit the provider states
 * @param notFoundPrefix symbols starting with it are unknown; blank disables the rule
 * @param notFoundSymbols further symbols reported as unknown
 * @param gateFile for the fault tests only: a file that, while it exists, bounds the fetches this process makes
 *     ({@link FetchGate}); none by default
 */
@ConfigurationProperties(prefix = "candlekeep.providers.simulated")
public record SimulatedProviderProperties(
        Duration latency,
        Set<String> nativeTimeframes,
        Map<String, Duration> lookback,
        Map<String, Duration> maxRange,
        Double requestsPerSecond,
        String notFoundPrefix,
        Set<String> notFoundSymbols,
        Path gateFile) {

    public static final String DEFAULT_NOT_FOUND_PREFIX = "ZZZ";

    private static final Map<String, Duration> DEFAULT_MAX_RANGE = Map.of(
            "15m", Duration.ofDays(60),
            "1h", Duration.ofDays(730),
            "4h", Duration.ofDays(730),
            "1d", Duration.ofDays(3653));

    public SimulatedProviderProperties {
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative but was " + latency);
        }
        nativeTimeframes = nativeTimeframes == null || nativeTimeframes.isEmpty()
                ? Set.of("15m", "1h", "1d")
                : nativeTimeframes.stream().map(code -> Timeframe.of(code).code()).collect(Collectors.toUnmodifiableSet());
        Map<String, Duration> reach = new LinkedHashMap<>();
        if (lookback != null) {
            lookback.forEach((code, d) -> reach.put(Timeframe.of(code).code(), checkPositive("lookback." + code, d)));
        }
        lookback = Map.copyOf(reach);
        Map<String, Duration> ranges = new LinkedHashMap<>(DEFAULT_MAX_RANGE);
        if (maxRange != null) {
            maxRange.forEach((code, d) -> ranges.put(Timeframe.of(code).code(), checkPositive("maxRange." + code, d)));
        }
        maxRange = Map.copyOf(ranges);
        requestsPerSecond = requestsPerSecond == null ? 1000.0 : requestsPerSecond;
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
        }
        notFoundPrefix = notFoundPrefix == null ? DEFAULT_NOT_FOUND_PREFIX : notFoundPrefix.trim();
        notFoundSymbols = notFoundSymbols == null ? Set.of()
                : notFoundSymbols.stream().map(text -> Symbol.of(text).value()).collect(Collectors.toUnmodifiableSet());
    }

    /** All defaults. */
    public static SimulatedProviderProperties defaults() {
        return new SimulatedProviderProperties(null, null, null, null, null, null, null, null);
    }

    public SimulatedProviderProperties withLatency(Duration latency) {
        return new SimulatedProviderProperties(latency, nativeTimeframes, lookback, maxRange, requestsPerSecond,
                notFoundPrefix, notFoundSymbols, gateFile);
    }

    public SimulatedProviderProperties withNativeTimeframes(Set<String> nativeTimeframes) {
        return new SimulatedProviderProperties(latency, nativeTimeframes, lookback, maxRange, requestsPerSecond,
                notFoundPrefix, notFoundSymbols, gateFile);
    }

    public SimulatedProviderProperties withLookback(Map<String, Duration> lookback) {
        return new SimulatedProviderProperties(latency, nativeTimeframes, lookback, maxRange, requestsPerSecond,
                notFoundPrefix, notFoundSymbols, gateFile);
    }

    public SimulatedProviderProperties withNotFoundSymbols(Set<String> notFoundSymbols) {
        return new SimulatedProviderProperties(latency, nativeTimeframes, lookback, maxRange, requestsPerSecond,
                notFoundPrefix, notFoundSymbols, gateFile);
    }

    public SimulatedProviderProperties withGateFile(Path gateFile) {
        return new SimulatedProviderProperties(latency, nativeTimeframes, lookback, maxRange, requestsPerSecond,
                notFoundPrefix, notFoundSymbols, gateFile);
    }

    /** Whether the simulated providers treat {@code symbol} as unknown (the prefix rule or the explicit list). */
    public boolean isUnknown(Symbol symbol) {
        return (!notFoundPrefix.isEmpty() && symbol.value().startsWith(notFoundPrefix))
                || notFoundSymbols.contains(symbol.value());
    }

    /** The native timeframes, parsed. */
    public Set<Timeframe> nativeTimeframeSet() {
        EnumSet<Timeframe> out = EnumSet.noneOf(Timeframe.class);
        nativeTimeframes.forEach(code -> out.add(Timeframe.of(code)));
        return out;
    }

    /** The lookback by timeframe. */
    public Map<Timeframe, Duration> lookbackByTimeframe() {
        return byTimeframe(lookback);
    }

    /** The max range per request by timeframe. */
    public Map<Timeframe, Duration> maxRangeByTimeframe() {
        return byTimeframe(maxRange);
    }

    private static Map<Timeframe, Duration> byTimeframe(Map<String, Duration> byCode) {
        Map<Timeframe, Duration> out = new EnumMap<>(Timeframe.class);
        byCode.forEach((code, d) -> out.put(Timeframe.of(code), d));
        return out;
    }

    private static Duration checkPositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + d);
        }
        return d;
    }
}
