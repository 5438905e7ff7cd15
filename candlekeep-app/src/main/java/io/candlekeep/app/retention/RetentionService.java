package io.candlekeep.app.retention;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SeriesJob;
import io.candlekeep.app.forecast.ForecastService;
import io.candlekeep.app.schedule.ScheduledJob;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.retention.RetentionPolicy;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The daily retention schedule: trims every stored series to what its policy keeps, never a bar that a forecast step
 * still waiting to be checked targets (nor any after it), and removes the forecasts older than their keep.
 */
@Service
public class RetentionService implements ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final BarStore store;
    private final BackfillService backfill;
    private final ForecastService forecasts;
    private final RetentionPolicy policy;
    private final Clock clock;

    RetentionService(BarStore store, BackfillService backfill, ForecastService forecasts, RetentionProperties props,
            Clock clock) {
        this.store = store;
        this.backfill = backfill;
        this.forecasts = forecasts;
        this.policy = props.policy();
        this.clock = clock;
    }

    @Override
    public String id() {
        return "retention";
    }

    @Override
    public String title() {
        return "retention";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofDays(1);
    }

    @Override
    public Outcome run() {
        Instant now = clock.instant();
        int trimmedSeries = 0;
        long trimmedBars = 0;
        int errors = 0;
        Map<SeriesId, Instant> openTargets = forecasts.oldestOpenTargets();
        for (SeriesId series : store.seriesIds()) {
            try {
                Optional<Instant> cutoff = cutoff(series, now, Optional.ofNullable(openTargets.get(series)));
                if (cutoff.isPresent()) {
                    int removed = store.deleteBefore(series, cutoff.get());
                    if (removed > 0) {
                        trimmedSeries++;
                        trimmedBars += removed;
                        log.debug("[RETENTION] {}: {} bars before {} removed", series, removed, cutoff.get());
                    }
                }
            } catch (RuntimeException e) {
                errors++;
                log.warn("[RETENTION] trimming {} failed: {}", series, e.toString());
            }
        }
        int trimmedForecasts = 0;
        try {
            trimmedForecasts = forecasts.trim();
        } catch (RuntimeException e) {
            errors++;
            log.warn("[RETENTION] trimming old forecasts failed: {}", e.toString());
        }
        return Outcome.of(trimmedBars + " bars trimmed from " + trimmedSeries + " series, " + trimmedForecasts
                + " old forecasts removed", errors);
    }

    /**
     * Bars of {@code series} before the answer may go.
     *
     * @param oldestOpenTarget the oldest bar of {@code series} that a forecast step waiting to be checked targets
     */
    Optional<Instant> cutoff(SeriesId series, Instant now, Optional<Instant> oldestOpenTarget) {
        return cutoff(series, now).map(c -> oldestOpenTarget.filter(t -> t.isBefore(c)).orElse(c));
    }

    /** Bars of {@code series} before the answer may go, by policy alone. */
    Optional<Instant> cutoff(SeriesId series, Instant now) {
        // a series may have to reach further back than its timeframe's window (a portfolio's first trade)
        Duration window = backfill.windowOf(series);
        Optional<SeriesJob> job = backfill.jobFor(series);
        if (job.isPresent() && job.get().series().equals(series)) {
            // a fetched series may be filled further back than its own window (1h as far as 4h needs)
            Duration jobWindow = Duration.between(job.get().windowStart(), now);
            if (jobWindow.compareTo(window) > 0) {
                window = jobWindow;
            }
        }
        Optional<Instant> dependent = job.filter(j -> j.series().equals(series))
                .flatMap(j -> oldestNonFinal(series, j));
        return policy.cutoff(series.timeframe(), window, now, dependent);
    }

    private Optional<Instant> oldestNonFinal(SeriesId source, SeriesJob job) {
        Instant oldest = null;
        for (Timeframe coarse : job.derived()) {
            BarSeries bars = store.read(SeriesId.of(source.symbol(), coarse), Instant.EPOCH,
                    Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE);
            for (int i = 0; i < bars.size(); i++) {
                if (!bars.isFinal(i)) {
                    if (oldest == null || bars.start(i).isBefore(oldest)) {
                        oldest = bars.start(i);
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(oldest);
    }
}
