package io.candlekeep.bench;

import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.bars.CachingBarStore;
import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.live.LiveRefreshService;
import io.candlekeep.app.schedule.ScheduledJob;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.JsonNode;

/**
 * Candlekeep at scale (issue 3): tracks {@code bench.symbols} distinct symbols (10,000 by default: stocks
 * {@code S0000}, {@code S0001}, ... and {@code bench.crypto} crypto pairs {@code C000-USD}, ...) in all four
 * timeframes through {@code POST /api/v1/tracking}, 100 a request, on the simulated provider without latency and
 * the default 5 job threads. It times the whole backfill until every {@code series_job} is settled (polling its own
 * read-only connection to the data file, not the slow tracking list), then reports the bars stored, the heap after
 * a full GC and the hot cache's size. Last, with everything fresh, it calls each schedule's {@code run()} directly
 * on the beans, {@code bench.repetitions} times, and reports median and max per schedule: the planning tick is the
 * orchestrator plus the historical sync's stale check (target 100 ms).
 *
 * <p>System properties: {@code bench.symbols} (10000), {@code bench.crypto} (100, part of bench.symbols),
 * {@code bench.latency} (0ms), {@code bench.timeoutMinutes} (30: fails loudly when the backfill has not settled by
 * then), {@code bench.pollSeconds} (5), {@code bench.repetitions} (20), {@code bench.slowRepetitions} (3, for the
 * schedules that visit every series: gap fill, live refresh, retention), {@code bench.trackingGet} (true: one timed
 * {@code GET /api/v1/tracking} at the end), {@code bench.set.<candlekeep key>=<value>} for any other setting.
 */
public final class ScaleBenchmark {

    private static final int BATCH = 100;
    /** Fetched series per symbol on the simulated provider: 15m, 1h (4h is derived from it) and 1d. */
    private static final int FETCHED_PER_SYMBOL = 3;
    /** The schedules that make up the planning tick, and the order in which the fast ones are measured. */
    private static final List<String> PLANNING_TICK = List.of("orchestrator", "historical-sync");
    private static final List<String> FAST = List.of("orchestrator", "historical-sync", "health");
    private static final List<String> SLOW = List.of("live-refresh", "gap-fill", "retention");

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("bench.symbols", 10_000);
        int crypto = Math.min(total, Integer.getInteger("bench.crypto", Math.max(0, total / 100)));
        String latency = System.getProperty("bench.latency", "0ms");
        Duration timeout = Duration.ofMinutes(Long.getLong("bench.timeoutMinutes", 30));
        long pollMillis = Duration.ofSeconds(Long.getLong("bench.pollSeconds", 5)).toMillis();
        int repetitions = Integer.getInteger("bench.repetitions", 20);
        int slowRepetitions = Integer.getInteger("bench.slowRepetitions", 3);
        boolean trackingGet = Boolean.parseBoolean(System.getProperty("bench.trackingGet", "true"));
        List<String> symbols = symbols(total - crypto, crypto);

        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("candlekeep.providers.simulated.latency", latency);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> overrides.put(k.substring("bench.set.".length()), System.getProperty(k)));
        Environment.print("ScaleBenchmark", String.format(Locale.ROOT,
                "%d symbols (%d stocks, %d crypto) x 4 timeframes, %d per POST, provider latency %s, timeout %s, settings %s",
                total, total - crypto, crypto, BATCH, latency, timeout, overrides));

        long startup = System.nanoTime();
        try (RunningService service = RunningService.start(overrides)) {
            System.out.printf("service up on port %d in %d ms (data %s)%n", service.port(), millisSince(startup),
                    service.dbFile());
            Map<String, ScheduledJob> schedules = service.context().getBeansOfType(ScheduledJob.class).values().stream()
                    .collect(Collectors.toMap(ScheduledJob::id, j -> j, (a, b) -> a, TreeMap::new));
            BarWriter writer = service.context().getBean(BarWriter.class);
            HotBarCache cache = service.context().getBean(CachingBarStore.class).cache();
            LiveRefreshService liveRefresh = service.context().getBeanProvider(LiveRefreshService.class).getIfAvailable();
            SQLiteConfig readOnly = new SQLiteConfig();
            readOnly.setReadOnly(true);
            try (Connection db = readOnly.createConnection("jdbc:sqlite:" + service.dbFile().toAbsolutePath())) {
                HeapWatch heap = new HeapWatch();
                long barsBefore = writer.barsWritten();
                long t0 = System.nanoTime();
                trackAll(service, symbols, heap);
                awaitSettled(db, symbols.size() * FETCHED_PER_SYMBOL, t0, timeout, pollMillis, writer, heap, schedules);
                double seconds = millisSince(t0) / 1000.0;
                long written = writer.barsWritten() - barsBefore;
                System.out.printf(Locale.ROOT, "%nbackfill settled in %.1f s: %,d fetched bars written by the service, derived 4h not counted"
                        + " (%,.0f bars/s); load %s%n", seconds, written, written / seconds, Environment.loadAverage());
                long stored = printStored(db, service.dbFile(), seconds);
                printRuns(db);
                System.out.printf(Locale.ROOT, "peak heap while backfilling: used %d MiB (garbage included),"
                        + " live after a GC %d MiB%n", heap.peakUsed >> 20, heap.peakAfterGc >> 20);

                printHeapAfterGc("after the backfill", cache);
                System.out.printf(Locale.ROOT, "bars stored %,d; hot cache holds %,d of them (%.1f %%)%n", stored,
                        cache.stats().cachedBars(), 100.0 * cache.stats().cachedBars() / Math.max(1, stored));

                System.out.println();
                System.out.println("## Schedules run directly, everything fresh (load " + Environment.loadAverage() + ")");
                System.out.println("| schedule | runs | median ms | max ms | last outcome |");
                System.out.println("|---|---|---|---|---|");
                Map<String, double[]> times = new LinkedHashMap<>();
                for (String id : FAST) {
                    times.put(id, time(schedules, id, repetitions, liveRefresh));
                }
                for (String id : SLOW) {
                    times.put(id, time(schedules, id, slowRepetitions, liveRefresh));
                }
                double[] tick = new double[repetitions];
                for (int i = 0; i < repetitions; i++) {
                    for (String id : PLANNING_TICK) {
                        tick[i] += times.get(id)[i];
                    }
                }
                Arrays.sort(tick);
                System.out.printf(Locale.ROOT, "| **planning tick** (orchestrator + historical-sync, per repetition) | %d | %.1f | %.1f | |%n",
                        repetitions, median(tick), tick[tick.length - 1]);
                System.out.println("(the gap fill re-plans series whose newest bar is still forming; slices it queued"
                        + " run in the background)");

                if (trackingGet) {
                    long g = System.nanoTime();
                    JsonNode list = service.get("/api/v1/tracking");
                    System.out.printf(Locale.ROOT, "%nGET /api/v1/tracking (its first page, %d symbols) with %d symbols"
                            + " tracked: %d ms (TrackingListBenchmark times the pages)%n", list.get("count").asInt(),
                            list.get("total").asInt(), millisSince(g));
                }
                printHeapAfterGc("at the end", cache);
                cache.invalidateAll();
                printHeapAfterGc("at the end, hot cache emptied", cache);
                Environment.printLoad();
            }
        }
    }

    /** {@code stocks} symbols S0000.. and {@code crypto} pairs C000-USD..; all distinct. */
    static List<String> symbols(int stocks, int crypto) {
        List<String> out = new ArrayList<>(stocks + crypto);
        for (int i = 0; i < stocks; i++) {
            out.add(String.format(Locale.ROOT, "S%04d", i));
        }
        for (int i = 0; i < crypto; i++) {
            out.add(String.format(Locale.ROOT, "C%03d-USD", i));
        }
        return out;
    }

    private static void trackAll(RunningService service, List<String> symbols, HeapWatch heap) {
        long[] nanos = new long[(symbols.size() + BATCH - 1) / BATCH];
        long t0 = System.nanoTime();
        int jobs = 0;
        for (int from = 0, i = 0; from < symbols.size(); from += BATCH, i++) {
            List<String> batch = symbols.subList(from, Math.min(symbols.size(), from + BATCH));
            String body = batch.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "{\"symbols\":[", "]}"));
            long t = System.nanoTime();
            JsonNode answer = service.post("/api/v1/tracking", body);
            nanos[i] = System.nanoTime() - t;
            jobs += answer.get("jobs_updated").asInt();
            heap.sample();
            if ((i + 1) % 10 == 0) {
                System.out.printf(Locale.ROOT, "  %d symbols tracked after %.1f s (this POST %.0f ms), load %s%n",
                        from + batch.size(), millisSince(t0) / 1000.0, nanos[i] / 1e6, Environment.loadAverage());
            }
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "tracked %d symbols in %d POSTs in %.1f s (%d jobs updated): per POST median %.0f ms,"
                + " max %.0f ms, first %.0f ms, last %.0f ms%n", symbols.size(), nanos.length, millisSince(t0) / 1000.0,
                jobs, sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6, nanos[0] / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }

    /**
     * Polls until every expected series has a settled job (COMPLETE, FAILED or NOT_FOUND) and no slice waits in
     * the engine. Prints a progress line every 30 s and times the planning tick's schedules once a minute while the
     * queue is full (as often as the orchestrator itself runs).
     */
    private static void awaitSettled(Connection db, int expectedSeries, long t0, Duration timeout, long pollMillis,
            BarWriter writer, HeapWatch heap, Map<String, ScheduledJob> schedules) throws Exception {
        long deadline = t0 + timeout.toNanos();
        long nextProgress = 0;
        long nextTick = t0 + Duration.ofSeconds(60).toNanos();
        System.out.println("| elapsed s | series COMPLETE | QUEUED | FAILED/NOT_FOUND | slices in engine | fetched bars written | heap used MiB | load |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        while (true) {
            Map<String, Long> status = statusCounts(db);
            long settled = status.getOrDefault("COMPLETE", 0L) + status.getOrDefault("FAILED", 0L)
                    + status.getOrDefault("NOT_FOUND", 0L);
            long queuedSlices = count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice'");
            heap.sample();
            boolean done = settled >= expectedSeries && status.getOrDefault("QUEUED", 0L) == 0 && queuedSlices == 0;
            if (done || System.nanoTime() >= nextProgress) {
                System.out.printf(Locale.ROOT, "| %.0f | %d | %d | %d | %d | %,d | %d | %s |%n", millisSince(t0) / 1000.0,
                        status.getOrDefault("COMPLETE", 0L), status.getOrDefault("QUEUED", 0L),
                        status.getOrDefault("FAILED", 0L) + status.getOrDefault("NOT_FOUND", 0L), queuedSlices,
                        writer.barsWritten(), heap.used() >> 20, Environment.loadAverage());
                nextProgress = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            }
            if (done) {
                if (status.getOrDefault("FAILED", 0L) + status.getOrDefault("NOT_FOUND", 0L) > 0) {
                    System.out.println("WARNING: some series did not complete: " + status);
                }
                return;
            }
            if (System.nanoTime() >= nextTick && queuedSlices > 0) {
                StringBuilder line = new StringBuilder("  during the backfill (" + queuedSlices + " slices queued):");
                for (String id : PLANNING_TICK) {
                    long t = System.nanoTime();
                    ScheduledJob.Outcome outcome = schedules.get(id).run();
                    line.append(String.format(Locale.ROOT, " %s %.1f ms (%s);", id, (System.nanoTime() - t) / 1e6,
                            outcome.done()));
                }
                System.out.println(line);
                nextTick = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("The backfill did not settle within " + timeout + ": series by status "
                        + status + " of " + expectedSeries + " expected, " + queuedSlices + " slices still queued");
            }
            Thread.sleep(pollMillis);
        }
    }

    private static Map<String, Long> statusCounts(Connection db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM series_job GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Bars stored per timeframe and the size of the data file; answers the total. */
    private static long printStored(Connection db, Path dbFile, double seconds) throws Exception {
        long t = System.nanoTime();
        long total = 0;
        StringBuilder byTimeframe = new StringBuilder();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT s.timeframe, COUNT(DISTINCT s.id), COUNT(*) FROM bars b JOIN series s ON s.id = b.series_id
                 GROUP BY s.timeframe ORDER BY s.timeframe""")) {
            while (rs.next()) {
                total += rs.getLong(3);
                byTimeframe.append(String.format(Locale.ROOT, " %s %,d in %,d series;", rs.getString(1), rs.getLong(3),
                        rs.getLong(2)));
            }
        }
        long fileBytes = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path p = Path.of(dbFile + suffix);
            if (Files.exists(p)) {
                fileBytes += Files.size(p);
            }
        }
        System.out.printf(Locale.ROOT, "bars stored: %,d (%,.0f bars/s over the backfill):%s data file %,d MiB (counted in %d ms)%n",
                total, total / seconds, byTimeframe, fileBytes >> 20, millisSince(t));
        return total;
    }

    /** Slice runs by fetched timeframe, from the service's run table. */
    private static void printRuns(Connection db) throws SQLException {
        System.out.println("| fetched timeframe | slice runs | not succeeded | rows written | median run ms | max run ms |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, List<long[]>> byTimeframe = new TreeMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT timeframe, duration_ms, rows_written, status <> 'SUCCEEDED' FROM backfill_run")) {
            while (rs.next()) {
                byTimeframe.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        byTimeframe.forEach((tf, runs) -> {
            long[] ms = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %,d | %d | %,d | %d | %d |%n", tf, ms.length,
                    runs.stream().filter(r -> r[2] != 0).count(), runs.stream().mapToLong(r -> r[1]).sum(),
                    ms[ms.length / 2], ms[ms.length - 1]);
        });
    }

    private static double[] time(Map<String, ScheduledJob> schedules, String id, int repetitions,
            LiveRefreshService liveRefresh) {
        ScheduledJob job = schedules.get(id);
        if (job == null && id.equals("live-refresh") && liveRefresh != null) {
            // not wired as a schedule in this build: time the service the schedule will call
            job = new ScheduledJob() {
                public String id() {
                    return id;
                }

                public String title() {
                    return "live refresh (LiveRefreshService.refreshAll)";
                }

                public Duration defaultInterval() {
                    return Duration.ofMinutes(15);
                }

                public Outcome run() {
                    LiveRefreshService.RefreshResult r = liveRefresh.refreshAll();
                    return Outcome.of(r.symbols() + " symbols, " + r.quotes() + " quotes, " + r.barsWritten()
                            + " bars written (LiveRefreshService.refreshAll)", r.errors());
                }
            };
        }
        if (job == null) {
            System.out.printf("| %s | not a bean in this build |%n", id);
            return new double[repetitions];
        }
        double[] ms = new double[repetitions];
        String last = "";
        for (int i = 0; i < repetitions; i++) {
            long t = System.nanoTime();
            ScheduledJob.Outcome outcome = job.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
            last = outcome.done() + ", " + outcome.errors() + " errors";
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s |%n", id, repetitions, median(sorted),
                sorted[sorted.length - 1], last.length() > 120 ? last.substring(0, 120) + "..." : last);
        return ms;
    }

    private static void printHeapAfterGc(String when, HotBarCache cache) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        HotBarCache.Stats stats = cache.stats();
        System.out.printf(Locale.ROOT, "heap %s, after 3 x System.gc(): used %d MiB, committed %d MiB, max %d MiB;"
                + " hot cache %,d series, %,d bars, %,d evictions%n", when, heap.getUsed() >> 20,
                heap.getCommitted() >> 20, heap.getMax() >> 20, stats.cachedSeries(), stats.cachedBars(),
                stats.evictions());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The highest heap use seen, and the highest live heap after a collection (what the GC could not free). */
    private static final class HeapWatch {
        long peakUsed;
        long peakAfterGc;

        long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void sample() {
            peakUsed = Math.max(peakUsed, used());
            long afterGc = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    afterGc += pool.getCollectionUsage().getUsed();
                }
            }
            peakAfterGc = Math.max(peakAfterGc, afterGc);
        }
    }
}
