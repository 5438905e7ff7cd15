package io.candlekeep.app.ops;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.BackfillStatistics;
import io.candlekeep.app.backfill.SyncTrigger;
import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.schedule.ScheduleService;
import io.candlekeep.app.tracking.CoverageService;
import io.candlekeep.app.tracking.SeriesCoverage;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The figures and actions of the operations API. */
@Service
class OpsService {

    /** The status figures scan the store; a dashboard polling every second is answered from this long. */
    static final Duration STATUS_TTL = Duration.ofSeconds(10);

    private static final Map<String, String> MARKETS = Map.of("US", "NYSE", "CRYPTO", "CRYPTO", "FX", "FX");

    private final TrackingService tracking;
    private final CoverageService coverage;
    private final BackfillService backfill;
    private final BackfillStatistics statistics;
    private final ScheduleService schedules;
    private final JdbcClient jdbc;
    private final LiveCache liveCache;
    private final Clock clock;
    private volatile CachedStatus cached;

    OpsService(TrackingService tracking, CoverageService coverage, BackfillService backfill,
            BackfillStatistics statistics, ScheduleService schedules, JdbcClient jdbc, LiveCache liveCache, Clock clock) {
        this.tracking = tracking;
        this.coverage = coverage;
        this.backfill = backfill;
        this.statistics = statistics;
        this.schedules = schedules;
        this.jdbc = jdbc;
        this.liveCache = liveCache;
        this.clock = clock;
    }

    record Figures(int symbols, int activeSymbols, int notFoundSymbols, int series, long bars, long expectedBars,
            double coveragePercent, long queuedSlices, long runningSlices, LiveCache.Stats liveCache, Instant computedAt) {
    }

    private record CachedStatus(Figures figures, Instant at) {
    }

    Figures figures() {
        Instant now = clock.instant();
        CachedStatus c = cached;
        if (c != null && c.at().plus(STATUS_TTL).isAfter(now)) {
            return c.figures();
        }
        List<TrackedSymbol> symbols = tracking.trackedSymbols();
        int active = 0;
        int series = 0;
        long bars = 0;
        long expected = 0;
        List<TrackedSymbol> activeSymbols = symbols.stream().filter(t -> t.status() == TrackedSymbol.Status.ACTIVE).toList();
        for (List<SeriesCoverage> ofSymbol : coverage.trackedCoverage(activeSymbols).values()) {
            active++;
            for (SeriesCoverage s : ofSymbol) {
                series++;
                long want = s.expectedBars() == null ? 0 : s.expectedBars();
                bars += s.bars();
                // bars beyond the window (history kept longer) do not make up for missing ones inside it
                expected += want;
            }
        }
        long storedBars = jdbc.sql("SELECT COUNT(*) FROM bars").query(Long.class).single();
        BackfillStatistics.PendingSlices slices = statistics.pendingSlices().total();
        double percent = expected == 0 ? 100.0 : Math.min(100.0, 100.0 * Math.min(bars, expected) / expected);
        Figures f = new Figures(symbols.size(), active, symbols.size() - active, series, storedBars, expected,
                Math.round(percent * 10) / 10.0, slices.queued(), slices.running(), liveCache.stats(), now);
        cached = new CachedStatus(f, now);
        return f;
    }

    /** Coverage, recent runs and known holes of one symbol. */
    Map<String, Object> historical(Symbol symbol) {
        CoverageService.SymbolCoverage c = coverage.getCoverage(symbol);
        List<Map<String, Object>> runs = jdbc.sql("""
                SELECT timeframe, slice_start, slice_end, status, attempt, rows_written, provider, error, started_at, duration_ms
                  FROM backfill_run WHERE symbol = ? ORDER BY id DESC LIMIT 50
                """).param(symbol.value()).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("timeframe", rs.getString(1));
                    row.put("slice_start", Instant.ofEpochMilli(rs.getLong(2)));
                    row.put("slice_end", Instant.ofEpochMilli(rs.getLong(3)));
                    row.put("status", rs.getString(4));
                    row.put("attempt", rs.getInt(5));
                    row.put("rows_written", rs.getInt(6));
                    row.put("provider", rs.getString(7));
                    row.put("error", rs.getString(8));
                    row.put("started_at", Instant.ofEpochMilli(rs.getLong(9)));
                    long d = rs.getLong(10);
                    row.put("duration_ms", rs.wasNull() ? null : d);
                    return row;
                }).list();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("coverage", c);
        result.put("recent_runs", runs);
        return result;
    }

    /** Tracks {@code symbol} if it is not yet, and queues whatever its series lack. */
    Map<String, Object> backfillSymbol(Caller caller, String symbolText, String market) {
        Symbol symbol = Symbol.of(symbolText);
        String calendar = MarketCalendars.forSymbol(symbol).name();
        if (market != null) {
            String expected = MARKETS.get(market.trim().toUpperCase(Locale.ROOT));
            if (expected == null) {
                throw new BadRequestException("Field 'market' = '" + market + "' is unknown: use US, CRYPTO or FX");
            }
            if (!expected.equals(calendar)) {
                throw new BadRequestException("Symbol '" + symbol + "' trades on " + calendar + ", not in market '" + market
                        + "'");
            }
        }
        TrackedSymbol tracked = tracking.findTracked(symbol).orElse(null);
        if (tracked == null || tracked.status() == TrackedSymbol.Status.DORMANT) {
            tracking.track(caller, List.of(symbol.value()), InterestSource.API.code(), null);
            tracked = tracking.findTracked(symbol).orElseThrow();
        }
        if (tracked.status() == TrackedSymbol.Status.NOT_FOUND) {
            throw new NotFoundException("Symbol '" + symbol + "' is unknown to the provider: "
                    + tracked.statusReason().orElse("not found"));
        }
        var update = backfill.ensureJobs(symbol, tracked.timeframes(), tracked.priority(), SyncTrigger.GAP_FILL);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("symbol", symbol.value());
        result.put("market", market == null ? null : market.trim().toUpperCase(Locale.ROOT));
        result.put("timeframes", tracked.timeframes().stream().map(Object::toString).sorted().toList());
        result.put("series_queued", update.planned());
        return result;
    }

    /** Brings a schedule forward and says so. */
    Map<String, Object> runNow(String schedule) {
        boolean queued = schedules.runNow(schedule);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schedule", schedule);
        result.put("queued", queued);
        result.put("already_running", !queued);
        result.put("symbols", tracking.trackedSymbols().stream()
                .filter(s -> s.status() == TrackedSymbol.Status.ACTIVE).count());
        return result;
    }
}
