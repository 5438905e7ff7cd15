package io.candlekeep.app.provider.yahoo;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.CorporateAction;
import io.candlekeep.core.provider.FetchOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a parsed chart into the bars one request asked for: on the symbol's calendar, inside
 * {@code [startInclusive, endExclusive)}, raw OHLC, the forming bar not final. Dirty rows are dropped one by
 * one rather than failing the whole fetch, because one bad row should not cost a year of good ones.
 */
final class YahooBarMapper {

    private static final Logger log = LoggerFactory.getLogger(YahooBarMapper.class);

    private YahooBarMapper() {
    }

    /** The {@code interval} query value Yahoo takes for a native timeframe. */
    static String interval(Timeframe timeframe) {
        return switch (timeframe) {
            case M15 -> "15m";
            case H1 -> "60m";
            case D1 -> "1d";
            case H4 -> throw new IllegalArgumentException("Yahoo has no 4h interval; fetch 1h and resample");
        };
    }

    private static Set<String> granularities(Timeframe timeframe) {
        return switch (timeframe) {
            case M15 -> Set.of("15m");
            case H1 -> Set.of("60m", "1h");
            case D1 -> Set.of("1d");
            case H4 -> Set.of();
        };
    }

    static FetchOutcome toOutcome(YahooChart chart, Symbol symbol, Timeframe timeframe, Instant startInclusive,
            Instant endExclusive, MarketCalendar calendar, Instant now) {
        String what = symbol + " " + timeframe + " in [" + startInclusive + ", " + endExclusive + ")";
        if (chart.isEmpty()) {
            return new FetchOutcome.NoData("Yahoo has no bars for " + what);
        }
        if (chart.dataGranularity() != null && !granularities(timeframe).contains(chart.dataGranularity())) {
            return new FetchOutcome.Failed("Yahoo answered with interval '" + chart.dataGranularity() + "' for " + what);
        }
        ZoneId zone = chart.exchangeZone() != null ? chart.exchangeZone() : calendar.zone();
        TreeMap<Long, Bar> bars = new TreeMap<>();
        int nullBars = 0;
        int dropped = 0;
        for (int i = 0; i < chart.size(); i++) {
            if (chart.isNullBar(i)) {
                nullBars++;
                continue;
            }
            Instant t = chart.time(i);
            Optional<Instant> start = barStart(timeframe, t, calendar, zone);
            if (start.isEmpty()) {
                dropped++;
                log.debug("[YAHOO] {} {}: dropped bar at {}: outside the {} session or off its {} grid", symbol,
                        timeframe, t, calendar.name(), timeframe);
                continue;
            }
            Instant s = start.get();
            if (s.isBefore(startInclusive) || !s.isBefore(endExclusive)) {
                dropped++;
                log.debug("[YAHOO] {} {}: dropped bar at {} outside the requested [{}, {})", symbol, timeframe, s,
                        startInclusive, endExclusive);
                continue;
            }
            // A missing volume with real prices is a quiet market (FX, indices), not a missing bar.
            double volume = Double.isNaN(chart.volume()[i]) ? 0 : chart.volume()[i];
            boolean isFinal = !calendar.barEnd(timeframe, s).isAfter(now);
            try {
                bars.put(s.toEpochMilli(), Bar.of(s, chart.open()[i], chart.high()[i], chart.low()[i], chart.close()[i],
                        volume, isFinal));
            } catch (IllegalArgumentException e) {
                dropped++;
                log.debug("[YAHOO] {} {}: dropped invalid bar: {}", symbol, timeframe, e.getMessage());
            }
        }
        List<CorporateAction> actions = new ArrayList<>();
        for (CorporateAction a : chart.actions()) {
            if (!a.date().isBefore(startInclusive) && a.date().isBefore(endExclusive)) {
                actions.add(a);
            }
        }
        if (bars.isEmpty()) {
            return new FetchOutcome.NoData("Yahoo has no usable bars for " + what + " (" + chart.size() + " rows, "
                    + nullBars + " null, " + dropped + " dropped)");
        }
        if (nullBars > 0 || dropped > 0) {
            log.debug("[YAHOO] {}: {} bars kept, {} null bars skipped, {} dropped", what, bars.size(), nullBars, dropped);
        }
        return new FetchOutcome.Fetched(new ArrayList<>(bars.values()), actions);
    }

    /**
     * Daily: Yahoo stamps the day at the session open (FX at midnight London), but the forming day at its last
     * trade, so a stamp that is not a bar start is taken to its trading date in the exchange zone and then to
     * that date's session open.
     * Intraday: the stamp must already be a bar start; pre/post-market and off-grid rows are not ours.
     */
    private static Optional<Instant> barStart(Timeframe timeframe, Instant t, MarketCalendar calendar, ZoneId zone) {
        if (calendar.isAligned(timeframe, t)) {
            return Optional.of(t);
        }
        if (timeframe != Timeframe.D1) {
            return Optional.empty();
        }
        LocalDate date = LocalDate.ofInstant(t, zone);
        // FX reports a Sunday-evening session slice that starts no daily bar, hence the second check
        return calendar.session(date).map(MarketCalendar.Session::open)
                .filter(open -> calendar.isAligned(Timeframe.D1, open));
    }
}
