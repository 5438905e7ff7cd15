package io.candlekeep.app.tracking;

import io.candlekeep.app.metrics.Memo;
import io.candlekeep.core.domain.Timeframe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code candlekeep_coverage_percent{timeframe}}: of the bars the calendars expect in the windows of the ACTIVE
 * tracked series of a timeframe, the share stored (each series counted up to what it expects, so history kept beyond
 * one window does not make up for a gap in another); 100 when they expect none yet, NaN when no series of the
 * timeframe is tracked. Reading every series' coverage costs queries per series, so it is computed at most every
 * {@link #TTL}.
 */
@Component
class CoverageMetrics {

    static final Duration TTL = Duration.ofSeconds(30);

    private final TrackingRepository tracking;
    private final CoverageService coverage;
    private final Memo<Map<Timeframe, Double>> percent;

    CoverageMetrics(MeterRegistry registry, TrackingRepository tracking, CoverageService coverage, Clock clock) {
        this.tracking = tracking;
        this.coverage = coverage;
        this.percent = Memo.of(TTL, clock, this::percentByTimeframe);
        for (Timeframe timeframe : Timeframe.values()) {
            Gauge.builder("candlekeep.coverage.percent", percent, p -> p.get().getOrDefault(timeframe, Double.NaN))
                    .description("Share of the bars expected in the windows of the tracked series that is stored")
                    .tag("timeframe", timeframe.code())
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** The percentage per timeframe that has tracked series. */
    Map<Timeframe, Double> percentByTimeframe() {
        Map<Timeframe, long[]> storedAndExpected = new EnumMap<>(Timeframe.class);
        List<TrackedSymbol> active = tracking.findAll().stream()
                .filter(t -> t.status() == TrackedSymbol.Status.ACTIVE).toList();
        for (List<SeriesCoverage> ofSymbol : coverage.trackedCoverage(active).values()) {
            for (SeriesCoverage series : ofSymbol) {
                long expected = series.expectedBars() == null ? 0 : series.expectedBars();
                long[] sums = storedAndExpected.computeIfAbsent(Timeframe.of(series.timeframe()), tf -> new long[2]);
                sums[0] += Math.min(series.bars(), expected);
                sums[1] += expected;
            }
        }
        Map<Timeframe, Double> result = new EnumMap<>(Timeframe.class);
        storedAndExpected.forEach((timeframe, sums) -> result.put(timeframe,
                sums[1] == 0 ? 100.0 : 100.0 * sums[0] / sums[1]));
        return result;
    }
}
