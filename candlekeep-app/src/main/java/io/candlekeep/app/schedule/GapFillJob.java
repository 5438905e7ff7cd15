package io.candlekeep.app.schedule;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SyncTrigger;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gap fill (DESIGN §4): compares every tracked series with its calendar over its backfill window and queues
 * jobs for the missing runs; ranges the provider answered empty wait out their backoff as known holes.
 */
@Component
class GapFillJob implements ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(GapFillJob.class);

    private final TrackingService tracking;
    private final BackfillService backfill;

    GapFillJob(TrackingService tracking, BackfillService backfill) {
        this.tracking = tracking;
        this.backfill = backfill;
    }

    @Override
    public String id() {
        return "gap-fill";
    }

    @Override
    public String title() {
        return "gap fill";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofDays(7);
    }

    @Override
    public Outcome run() {
        int series = 0;
        int errors = 0;
        for (TrackedSymbol symbol : tracking.trackedSymbols()) {
            if (symbol.status() != TrackedSymbol.Status.ACTIVE) {
                continue;
            }
            try {
                series += backfill.ensureJobs(symbol.symbol(), symbol.timeframes(), symbol.priority(), SyncTrigger.GAP_FILL)
                        .planned();
            } catch (RuntimeException e) {
                errors++;
                log.warn("[SCHEDULER] gap fill of {} failed: {}", symbol.symbol(), e.toString());
            }
        }
        return Outcome.of(series + " series with gaps queued", errors);
    }
}
