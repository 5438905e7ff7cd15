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
 * Historical sync (DESIGN §4). Stage 1 writes what the live cache holds into the forming bars; stage 2 heals:
 * every series whose last successful sync is missing or older than the interval gets a tail sync, which
 * re-reads the bars not yet final.
 */
@Component
class HistoricalSyncJob implements ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(HistoricalSyncJob.class);

    private final TrackingService tracking;
    private final BackfillService backfill;
    private final ScheduleProperties props;

    HistoricalSyncJob(TrackingService tracking, BackfillService backfill, ScheduleProperties props) {
        this.tracking = tracking;
        this.backfill = backfill;
        this.props = props;
    }

    @Override
    public String id() {
        return "historical-sync";
    }

    @Override
    public String title() {
        return "historical sync";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(3);
    }

    @Override
    public Outcome run() {
        SyncTrigger stale = new SyncTrigger.Stale(props.intervalOf(this));
        int updated = 0;
        int errors = 0;
        for (TrackedSymbol symbol : tracking.trackedSymbols()) {
            if (symbol.status() != TrackedSymbol.Status.ACTIVE) {
                continue;
            }
            try {
                if (backfill.ensureJobs(symbol.symbol(), symbol.timeframes(), symbol.priority(), stale).planned() > 0) {
                    updated++;
                }
            } catch (RuntimeException e) {
                errors++;
                log.warn("[SCHEDULER] historical sync of {} failed: {}", symbol.symbol(), e.toString());
            }
        }
        return Outcome.of(updated + " symbols updated", errors);
    }
}
