package io.candlekeep.app.tracking;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plans the jobs of the symbols a tracking request named, on the job engine after the request was answered
 * ({@link InterestPlan}): each tracked timeframe of each symbol gets its job created, re-planned or raised to the
 * symbol's priority, as {@link BackfillService#ensureJobs} decides. Symbols the provider does not know are left alone.
 */
@Component
class InterestPlanner {

    private static final Logger log = LoggerFactory.getLogger(InterestPlanner.class);

    private final TrackingRepository repository;
    private final BackfillService backfill;

    InterestPlanner(TrackingRepository repository, BackfillService backfill) {
        this.repository = repository;
        this.backfill = backfill;
    }

    void plan(List<Symbol> symbols) {
        int updated = 0;
        int planned = 0;
        for (TrackedSymbol tracked : repository.findAll(symbols)) {
            if (tracked.status() == TrackedSymbol.Status.NOT_FOUND) {
                continue;
            }
            BackfillService.JobsUpdate update = backfill.ensureJobs(tracked.symbol(), tracked.timeframes(),
                    tracked.priority());
            updated += update.updated();
            planned += update.planned();
            // a trade further back than the window, recorded while this plan ran, is fetched over its depth
            backfill.reachRecordedDepth(SeriesId.of(tracked.symbol(), Timeframe.D1));
        }
        log.info("[TRACKING] jobs of {} symbols planned: {} series updated, {} new plans", symbols.size(), updated,
                planned);
    }
}
