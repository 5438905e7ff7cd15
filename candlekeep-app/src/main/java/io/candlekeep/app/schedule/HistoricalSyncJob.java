package io.candlekeep.app.schedule;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SyncTrigger;
import io.candlekeep.app.live.LiveRefreshService;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Historical sync (DESIGN §4). Stage 1 writes what the live cache holds into the forming bars; stage 2 heals:
 * every series whose last successful sync is missing or older than half the interval (so: not synced since the
 * previous tick) gets a tail sync, which re-reads the bars not yet final. Macro series are left to their daily
 * {@link MacroRefreshJob}.
 */
@Component
class HistoricalSyncJob implements ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(HistoricalSyncJob.class);

    private final TrackingService tracking;
    private final BackfillService backfill;
    private final ScheduleProperties props;
    private final JdbcClient jdbc;
    private final LiveRefreshService live;
    private final Clock clock;

    HistoricalSyncJob(TrackingService tracking, BackfillService backfill, ScheduleProperties props, JdbcClient jdbc,
            LiveRefreshService live, Clock clock) {
        this.tracking = tracking;
        this.backfill = backfill;
        this.props = props;
        this.jdbc = jdbc;
        this.live = live;
        this.clock = clock;
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
        // A tick's tail syncs land moments after the tick started, so at the next tick they are a little younger
        // than one interval; "older than the interval" would skip every other tick and let every series lag two
        // intervals, which health reports. Half an interval still spares a series another sync just brought up.
        Duration maxAge = props.intervalOf(this).dividedBy(2);
        SyncTrigger stale = new SyncTrigger.Stale(maxAge);
        int errors = 0;
        int forming;
        try {
            forming = live.writeCacheToStore();
        } catch (RuntimeException e) {
            forming = 0;
            errors++;
            log.warn("[SCHEDULER] historical sync could not write the live cache: {}", e.toString());
        }
        int updated = 0;
        for (String candidate : candidates(clock.instant().minus(maxAge))) {
            Symbol symbol = Symbol.of(candidate);
            try {
                TrackedSymbol tracked = tracking.findTracked(symbol).orElse(null);
                if (tracked != null && tracked.status() == TrackedSymbol.Status.ACTIVE
                        && backfill.ensureJobs(symbol, tracked.timeframes(), tracked.priority(), stale).planned() > 0) {
                    updated++;
                }
            } catch (RuntimeException e) {
                errors++;
                log.warn("[SCHEDULER] historical sync of {} failed: {}", symbol, e.toString());
            }
        }
        return Outcome.of(forming + " live bars stored, " + updated + " symbols updated", errors);
    }

    /**
     * Active symbols with a series not synced since {@code syncedBefore}, or none planned yet: one query, so a
     * tick over thousands of fresh symbols costs next to nothing. The stale jobs are one list read through the
     * index on {@code last_sync_ms} (V8), not a probe per symbol. Macro series are not among them.
     */
    List<String> candidates(Instant syncedBefore) {
        return jdbc.sql("""
                SELECT s.symbol FROM tracked_symbol s
                 WHERE s.status = 'ACTIVE' AND s.asset_class <> 'MACRO'
                   AND (s.symbol IN (SELECT j.symbol FROM series_job j
                                      WHERE (j.last_sync_ms IS NULL OR j.last_sync_ms < ?)
                                        AND j.status IN ('COMPLETE', 'FAILED'))
                        OR NOT EXISTS (SELECT 1 FROM series_job j WHERE j.symbol = s.symbol))
                 ORDER BY s.priority DESC, s.symbol
                """).param(syncedBefore.toEpochMilli()).query(String.class).list();
    }
}
