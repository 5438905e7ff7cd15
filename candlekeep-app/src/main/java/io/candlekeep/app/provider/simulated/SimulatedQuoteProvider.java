package io.candlekeep.app.provider.simulated;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Quotes from the same deterministic price path as {@link SimulatedHistoryProvider}, so a quote agrees with
 * the forming 15m bar (its close) and with the day's bar. While the symbol's market is open the quote is the
 * price at now; when it is closed (a stock after the close, FX at the weekend) it is the last close, stamped
 * with the time of that close. Unknown symbols (the same {@code ZZZ} rule) and macro series are not found.
 */
public final class SimulatedQuoteProvider implements QuoteProvider {

    public static final String NAME = SimulatedHistoryProvider.NAME;

    /** Symbols one call answers in one simulated request. */
    public static final int MAX_BATCH_SIZE = 100;

    /** How far back the last close is looked for: longer than any market holiday run. */
    private static final Duration LAST_CLOSE_SEARCH = Duration.ofDays(14);

    private final InstantSource clock;
    private final SimulatedProviderProperties properties;
    private final SimulatedHistoryProvider.Sleeper sleeper;
    private final Set<AssetClass> served;

    public SimulatedQuoteProvider(InstantSource clock, SimulatedProviderProperties properties) {
        this(clock, properties, duration -> Thread.sleep(duration));
    }

    public SimulatedQuoteProvider(InstantSource clock, SimulatedProviderProperties properties,
            SimulatedHistoryProvider.Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        EnumSet<AssetClass> classes = EnumSet.allOf(AssetClass.class);
        classes.remove(AssetClass.MACRO);
        this.served = Set.copyOf(classes);
    }

    public static SimulatedQuoteProvider withDefaults(InstantSource clock) {
        return new SimulatedQuoteProvider(clock, SimulatedProviderProperties.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<AssetClass> assetClasses() {
        return served;
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH_SIZE;
    }

    @Override
    public QuoteBatch quotes(List<Symbol> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        if (!properties.latency().isZero()) {
            try {
                sleeper.sleep(properties.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return QuoteBatch.failed("Interrupted while quoting " + symbols);
            }
        }
        Instant now = clock.instant();
        List<Quote> quotes = new ArrayList<>();
        List<Symbol> notFound = new ArrayList<>();
        for (Symbol symbol : new LinkedHashSet<>(symbols)) {
            if (properties.isUnknown(symbol) || !served.contains(symbol.assetClass())) {
                notFound.add(symbol);
            } else {
                quotes.add(quote(symbol, now));
            }
        }
        return QuoteBatch.of(quotes, notFound);
    }

    /** The quote of {@code symbol} at {@code now}, a pure function of both. */
    static Quote quote(Symbol symbol, Instant now) {
        MarketCalendar calendar = MarketCalendars.forSymbol(symbol);
        boolean open = calendar.barStartContaining(Timeframe.M15, now).isPresent();
        Instant time = open ? now : lastClose(calendar, now);
        PricePath path = PricePath.of(symbol);
        double price = path.priceAt(time.toEpochMilli());
        BarSeries days = SimulatedHistoryProvider.generate(symbol, Timeframe.D1, time.minus(LAST_CLOSE_SEARCH), time, now);
        OptionalDouble dayOpen = OptionalDouble.empty();
        OptionalDouble dayHigh = OptionalDouble.empty();
        OptionalDouble dayLow = OptionalDouble.empty();
        OptionalDouble previousClose = OptionalDouble.empty();
        double dayVolume = Double.NaN;
        int last = days.size() - 1;
        if (last >= 0 && !calendar.barEnd(Timeframe.D1, days.start(last)).isBefore(time)) {
            dayOpen = OptionalDouble.of(days.open(last));
            dayHigh = OptionalDouble.of(Math.max(days.high(last), price));
            dayLow = OptionalDouble.of(Math.min(days.low(last), price));
            dayVolume = days.volume(last);
            if (last >= 1) {
                previousClose = OptionalDouble.of(days.close(last - 1));
            }
        } else if (last >= 0) {
            previousClose = OptionalDouble.of(days.close(last));
        }
        return new Quote(symbol, price, time, dayOpen, dayHigh, dayLow, dayVolume, previousClose, currency(symbol),
                open ? "REGULAR" : "CLOSED");
    }

    /** The end of the last 15m bar before {@code now}: the last session close when the market is shut. */
    private static Instant lastClose(MarketCalendar calendar, Instant now) {
        long[] starts = calendar.expectedStarts(Timeframe.M15, now.minus(LAST_CLOSE_SEARCH), now);
        if (starts.length == 0) {
            return now;
        }
        Instant end = Instant.ofEpochMilli(starts[starts.length - 1] + PricePath.M15_MILLIS);
        return end.isAfter(now) ? now : end;
    }

    private static String currency(Symbol symbol) {
        String s = symbol.value();
        return switch (symbol.assetClass()) {
            case CRYPTO -> s.substring(s.lastIndexOf('-') + 1);
            case FX -> s.length() == 8 ? s.substring(3, 6) : null;
            default -> "USD";
        };
    }
}
