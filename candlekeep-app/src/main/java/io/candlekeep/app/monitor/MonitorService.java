package io.candlekeep.app.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.candlekeep.app.backfill.BackfillStatistics;
import io.candlekeep.app.backfill.BackfillStatistics.PendingSlices;
import io.candlekeep.app.backfill.BackfillStatistics.RunTally;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.security.UserService;
import io.candlekeep.app.tracking.CoverageService;
import io.candlekeep.app.tracking.TrackingList;
import io.candlekeep.app.tracking.TrackingListQuery;
import io.candlekeep.app.tracking.TrackedSymbolStatus;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;

/** The figures of the monitoring API. */
@Service
class MonitorService {

    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 720;

    private final BackfillStatistics statistics;
    private final CoverageService coverage;
    private final Clock clock;
    private final UserService users;
    private final TrackingService tracking;

    MonitorService(BackfillStatistics statistics, CoverageService coverage, Clock clock, UserService users,
            TrackingService tracking) {
        this.statistics = statistics;
        this.coverage = coverage;
        this.clock = clock;
        this.users = users;
        this.tracking = tracking;
    }

    /**
     * The backfill of one timeframe, or of all ({@code total}): slices queued and running now, and the runs that
     * finished in the window by outcome. Runs count under the timeframe fetched: a 4h built from 1h has none.
     *
     * @param failed runs that failed and were retried, or gave up
     * @param medianDurationMs null when no run finished in the window
     */
    record JobRow(String timeframe, long queued, long running, long succeeded, long failed, long rateLimited,
            long noData, long notFound, long interrupted, long rowsWritten,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long medianDurationMs) {

        static JobRow of(String timeframe, PendingSlices pending, RunTally runs) {
            return new JobRow(timeframe, pending.queued(), pending.running(), runs.succeeded(), runs.failed(),
                    runs.rateLimited(), runs.noData(), runs.notFound(), runs.interrupted(), runs.rowsWritten(),
                    runs.medianDurationMs());
        }
    }

    /** Job statistics over {@code [from, to)}: one row per timeframe, whether it ran or not, and the total. */
    record JobStats(int hours, Instant from, Instant to, List<JobRow> timeframes, JobRow total) {
    }

    JobStats jobStats(int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new BadRequestException("Parameter 'hours' = '" + hours + "' is out of range: use 1 to " + MAX_HOURS
                    + " (default " + DEFAULT_HOURS + ")");
        }
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofHours(hours));
        BackfillStatistics.RunStats runs = statistics.runsFinishedIn(TimeRange.of(from, to));
        BackfillStatistics.SliceQueue pending = statistics.pendingSlices();
        List<JobRow> rows = Arrays.stream(Timeframe.values())
                .map(tf -> JobRow.of(tf.code(), pending.of(tf), runs.of(tf)))
                .toList();
        return new JobStats(hours, from, to, rows, JobRow.of("total", pending.total(), runs.total()));
    }

    CoverageService.SymbolCoverage coverage(String symbol) {
        return coverage.getCoverageWithGaps(Symbol.of(symbol));
    }

    /** The tracked symbols of user {@code name} with their status; 403 unless {@code caller} is them or an admin. */
    UserTracking userTracking(Caller caller, String name, TrackingListQuery query) {
        Caller user = users.getUserFor(caller, name);
        TrackingList page = TrackingList.of(tracking.statusOf(user, query));
        return new UserTracking(user.name(), page.count(), page.total(), page.nextCursor(), page.symbols());
    }

    /** One page of a user's tracked symbols, as {@code GET /api/v1/tracking} pages them. */
    record UserTracking(String user, int count, int total, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
            List<TrackedSymbolStatus> symbols) {
    }

    /** One page of every tracked symbol; {@code sources} is empty, since it would be no one user's. */
    TrackingList tracking(TrackingListQuery query) {
        return TrackingList.of(tracking.statusOfAll(query));
    }
}
