package io.candlekeep.app.schedule;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SyncTrigger;
import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.AssetClass;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The live refresh of macro series, once a day instead of every 15 minutes: FRED publishes each series at most once a
 * day, weeks after the period, and revises its history. So every ACTIVE macro series is fetched again over its whole
 * window, one request per series (FRED sends any span at once): what was published since appears, and revised values
 * replace the stored ones. The quote refresh and the historical sync leave macro series to this schedule.
 */
@Component
class MacroRefreshJob implements ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(MacroRefreshJob.class);

    private final TrackingService tracking;
    private final BackfillService backfill;
    private final ProviderChain providers;

    MacroRefreshJob(TrackingService tracking, BackfillService backfill, ProviderChain providers) {
        this.tracking = tracking;
        this.backfill = backfill;
        this.providers = providers;
    }

    @Override
    public String id() {
        return "macro-refresh";
    }

    @Override
    public String title() {
        return "macro refresh";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofDays(1);
    }

    @Override
    public Outcome run() {
        Optional<String> unavailable = providers.findUnavailable(AssetClass.MACRO);
        int series = 0;
        int errors = 0;
        int skipped = 0;
        for (TrackedSymbol symbol : tracking.trackedSymbols()) {
            if (symbol.assetClass() != AssetClass.MACRO || symbol.status() != TrackedSymbol.Status.ACTIVE) {
                continue;
            }
            if (unavailable.isPresent()) {
                skipped++;
                continue;
            }
            try {
                series += backfill.ensureJobs(symbol.symbol(), symbol.timeframes(), symbol.priority(),
                        SyncTrigger.REFETCH).planned();
            } catch (RuntimeException e) {
                errors++;
                log.warn("[SCHEDULER] macro refresh of {} failed: {}", symbol.symbol(), e.toString());
            }
        }
        if (skipped > 0) {
            log.warn("[SCHEDULER] {} macro series not refreshed: {}", skipped, unavailable.orElseThrow());
        }
        return Outcome.of(series + " macro series queued" + (skipped > 0 ? ", " + skipped + " skipped (no FRED API key)"
                : ""), errors);
    }
}
