package io.candlekeep.app.provider.simulated;

import io.candlekeep.core.bars.Resampler;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * A provider that invents plausible, deterministic history for any symbol, following its market calendar
 * (DESIGN §5). A bar depends only on (symbol, timeframe, start) and, while it is forming, on now: asking
 * twice gives the same bars. 15m bars are cut from the symbol's price path; 1h, 4h and 1d bars are
 * resampled from them, so the timeframes agree. Nothing after now is returned; the bar still forming at
 * now is not final and carries the values up to now.
 *
 * <p>Symbols starting with {@code ZZZ} (configurable) answer {@link FetchOutcome.NotFound}, so a demo can
 * show the unknown-symbol path; a range without trading answers {@link FetchOutcome.NoData}; a range wider
 * than the stated maximum answers {@link FetchOutcome.Failed}, as a real provider rejects it. With a gate file
 * configured, the fault tests hold fetches at a count ({@link FetchGate}).
 */
public final class SimulatedHistoryProvider implements HistoryProvider {

    public static final String NAME = "simulated";

    /** Waits out the simulated latency; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InstantSource clock;
    private final SimulatedProviderProperties properties;
    private final Sleeper sleeper;
    private final ProviderCapabilities capabilities;
    private final FetchGate gate;

    public SimulatedHistoryProvider(InstantSource clock, SimulatedProviderProperties properties) {
        this(clock, properties, duration -> Thread.sleep(duration));
    }

    public SimulatedHistoryProvider(InstantSource clock, SimulatedProviderProperties properties, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        EnumSet<AssetClass> served = EnumSet.allOf(AssetClass.class);
        served.remove(AssetClass.MACRO);
        this.capabilities = new ProviderCapabilities(served, properties.nativeTimeframeSet(),
                properties.lookbackByTimeframe(), properties.maxRangeByTimeframe(), properties.requestsPerSecond());
        this.gate = properties.gateFile() == null ? null : new FetchGate(properties.gateFile(), sleeper);
    }

    /** A provider with every default: no latency, native 15m, 1h and 1d. */
    public static SimulatedHistoryProvider withDefaults(InstantSource clock) {
        return new SimulatedHistoryProvider(clock, SimulatedProviderProperties.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /**
     * Bars of a native {@code timeframe} starting in {@code [startInclusive, endExclusive)} and before now.
     * Throws {@link IllegalArgumentException} for a timeframe that is not native or a reversed range:
     * those are the caller's mistakes, not provider faults.
     */
    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        TimeRange range = TimeRange.of(startInclusive, endExclusive);
        if (!capabilities.isNative(timeframe)) {
            throw new IllegalArgumentException(timeframe + " is not native to the simulated provider (native: "
                    + properties.nativeTimeframes() + "); fetch " + capabilities.sourceOf(timeframe) + " and resample");
        }
        try {
            if (gate != null) {
                gate.pass();
            }
            if (!properties.latency().isZero()) {
                sleeper.sleep(properties.latency());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchOutcome.Failed("Interrupted while fetching '" + symbol + "' " + timeframe, e);
        }
        if (isUnknown(symbol)) {
            return new FetchOutcome.NotFound("'" + symbol + "' is unknown to the simulated provider"
                    + (properties.notFoundPrefix().isEmpty() ? ""
                            : " (it treats symbols starting with '" + properties.notFoundPrefix() + "' as unknown)"));
        }
        if (!capabilities.serves(symbol.assetClass())) {
            return new FetchOutcome.NotFound("The simulated provider has no " + symbol.assetClass() + " series such as '"
                    + symbol + "'");
        }
        Duration maxRange = capabilities.maxRangeOf(timeframe);
        if (range.length().compareTo(maxRange) > 0) {
            return new FetchOutcome.Failed("Range " + range + " for '" + symbol + "' " + timeframe + " spans "
                    + range.length() + ", more than the " + maxRange + " one request may ask for");
        }
        Instant now = clock.instant();
        Instant from = capabilities.lookbackOf(timeframe)
                .map(lookback -> now.minus(lookback))
                .filter(reach -> reach.isAfter(startInclusive))
                .orElse(startInclusive);
        BarSeries bars = from.isBefore(endExclusive) ? generate(symbol, timeframe, from, endExclusive, now) : BarSeries.empty();
        if (bars.isEmpty()) {
            return new FetchOutcome.NoData("No trading for '" + symbol + "' " + timeframe + " in " + range
                    + " before " + now);
        }
        return new FetchOutcome.Fetched(bars.toList(), List.of());
    }

    /**
     * The bars of any {@code timeframe} (native or not) starting in {@code [startInclusive, endExclusive)}
     * and before now, without latency, lookback or the unknown-symbol rule. This is the fast path for
     * benchmarks and demo seeding.
     */
    public BarSeries generate(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        return generate(symbol, timeframe, startInclusive, endExclusive, clock.instant());
    }

    /** As {@link #generate(Symbol, Timeframe, Instant, Instant)} at a given now; the quote provider shares it. */
    static BarSeries generate(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive,
            Instant now) {
        Instant until = endExclusive.isAfter(now) ? now : endExclusive;
        if (!startInclusive.isBefore(until)) {
            return BarSeries.empty();
        }
        MarketCalendar calendar = MarketCalendars.forSymbol(symbol);
        PricePath path = PricePath.of(symbol);
        long nowMillis = now.toEpochMilli();
        if (timeframe == Timeframe.M15) {
            return fifteenMinute(path, calendar, startInclusive, until, nowMillis);
        }
        long[] starts = calendar.expectedStarts(timeframe, startInclusive, until);
        if (starts.length == 0) {
            return BarSeries.empty();
        }
        // the last coarse bar needs all its 15m bars up to now, which may lie past endExclusive
        Instant lastEnd = calendar.barEnd(timeframe, Instant.ofEpochMilli(starts[starts.length - 1]));
        BarSeries fine = fifteenMinute(path, calendar, Instant.ofEpochMilli(starts[0]),
                lastEnd.isAfter(now) ? now : lastEnd, nowMillis);
        BarSeries coarse = Resampler.resample(fine, Timeframe.M15, timeframe, calendar, now);
        return coarse.range(startInclusive.toEpochMilli(), endExclusive.toEpochMilli(), Integer.MAX_VALUE);
    }

    private static BarSeries fifteenMinute(PricePath path, MarketCalendar calendar, Instant startInclusive,
            Instant endExclusive, long nowMillis) {
        long[] starts = calendar.expectedStarts(Timeframe.M15, startInclusive, endExclusive);
        BarSeries.Builder out = BarSeries.builder(starts.length);
        path.append15m(starts, nowMillis, out);
        return out.build();
    }

    private boolean isUnknown(Symbol symbol) {
        return properties.isUnknown(symbol);
    }
}
