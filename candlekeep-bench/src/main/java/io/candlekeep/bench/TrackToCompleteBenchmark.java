package io.candlekeep.bench;

import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.JsonNode;

/**
 * Time from tracking a new symbol to having it: for each symbol in turn, from sending {@code POST /api/v1/tracking}
 * (all four timeframes) until {@code GET /api/v1/tracking} shows its four series COMPLETE, and until its newest
 * daily bar is readable from {@code GET /api/v1/bars}. Both are polled every 10 ms. The simulated provider answers
 * each request after {@code bench.latency} (20 ms), so the figure is the service's own overhead on top of the
 * provider's time. The service's run table then splits each figure into waiting for the first slice to start,
 * running the slices, and noticing that the job is complete.
 *
 * <p>The first symbol tracked after start-up runs on cold code (class loading, JIT) and is reported apart, as a
 * warm-up. System properties: {@code bench.symbols} (comma-separated, ten US stocks by default),
 * {@code bench.warmupSymbol} (IBM; empty for none), {@code bench.latency}
 * (20ms), {@code bench.pollMillis} (10); any other {@code candlekeep.*} setting can be passed as
 * {@code -Dbench.set.candlekeep.jobs.poll-interval=1s}.
 */
public final class TrackToCompleteBenchmark {

    private TrackToCompleteBenchmark() {
    }

    /** One symbol's timings, in milliseconds from sending the POST. */
    record Sample(String symbol, double post, double newestDaily, double complete, int slices, long firstSliceStart,
            long lastSliceEnd, long sliceMillis, double trackingGet) {

        String row() {
            return String.format(Locale.ROOT, "| %-6s | %7.1f | %12.1f | %11.1f | %6d | %15d | %14d | %14d | %15.1f |", symbol,
                    post, newestDaily, complete, slices, firstSliceStart, lastSliceEnd, sliceMillis, trackingGet);
        }

        static String header() {
            return "| symbol | POST ms | newest 1d ms | COMPLETE ms | slices | 1st slice start | last slice end | slice time sum | GET tracking ms |\n"
                 + "|--------|---------|--------------|-------------|--------|-----------------|----------------|----------------|-----------------|";
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> symbols = Arrays.stream(System.getProperty("bench.symbols",
                "AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,JPM,V,XOM").split(",")).map(String::trim).toList();
        String warmupSymbol = System.getProperty("bench.warmupSymbol", "IBM").trim();
        String latency = System.getProperty("bench.latency", "20ms");
        long pollMillis = Long.getLong("bench.pollMillis", 10);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("candlekeep.providers.simulated.latency", latency);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> overrides.put(k.substring("bench.set.".length()), System.getProperty(k)));
        Clock clock = Clock.systemUTC();

        Environment.print("TrackToCompleteBenchmark", "symbols " + symbols + ", provider latency " + latency + ", poll every "
                + pollMillis + " ms, settings " + overrides);
        long startup = System.nanoTime();
        try (RunningService service = RunningService.start(overrides)) {
            System.out.printf("service up on port %d in %d ms%n", service.port(), (System.nanoTime() - startup) / 1_000_000);
            List<Sample> samples = new ArrayList<>();
            System.out.println(Sample.header());
            if (!warmupSymbol.isEmpty()) {
                System.out.println(measure(service, warmupSymbol, clock, pollMillis).row() + " (warm-up, not counted)");
            }
            for (String symbol : symbols) {
                Sample s = measure(service, symbol, clock, pollMillis);
                System.out.println(s.row());
                samples.add(s);
            }
            System.out.println();
            System.out.println("| figure | min ms | median ms | max ms |");
            System.out.println("|---|---|---|---|");
            summary("POST /api/v1/tracking answered", samples.stream().mapToDouble(Sample::post).toArray());
            summary("newest 1d bar readable", samples.stream().mapToDouble(Sample::newestDaily).toArray());
            summary("all four series COMPLETE", samples.stream().mapToDouble(Sample::complete).toArray());
            summary("first slice started", samples.stream().mapToDouble(Sample::firstSliceStart).toArray());
            summary("last slice finished", samples.stream().mapToDouble(Sample::lastSliceEnd).toArray());
            summary("GET /api/v1/tracking (median per symbol)", samples.stream().mapToDouble(Sample::trackingGet).toArray());
            printSliceRuns(service, symbols);
            idleTrackingList(service, Integer.getInteger("bench.trackingGets", 50));
            Environment.printLoad();
        }
    }

    private static void summary(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, sorted[0], median, sorted[sorted.length - 1]);
    }

    private static Sample measure(RunningService service, String symbol, Clock clock, long pollMillis) throws Exception {
        Instant now = clock.instant();
        long[] dailyStarts = MarketCalendars.forSymbol(Symbol.of(symbol))
                .expectedStarts(Timeframe.D1, now.minus(Duration.ofDays(10)), now);
        String newestDaily = Instant.ofEpochMilli(dailyStarts[dailyStarts.length - 1]).toString();

        long postWallMillis = clock.millis();
        long t0 = System.nanoTime();
        service.post("/api/v1/tracking", "{\"symbols\":[\"" + symbol + "\"]}");
        double post = millisSince(t0);
        // two pollers, so that the slow tracking list (it computes coverage for every tracked series) does not
        // delay the cheap bars check
        List<Double> trackingGets = Collections.synchronizedList(new ArrayList<>());
        var dailyPoll = pollUntil(t0, pollMillis, () -> {
            JsonNode bars = service.get("/api/v1/bars/" + symbol + "?timeframe=1d&limit=1");
            return bars.get("count").asInt() == 1 && bars.get("bars").get(0).get("start").asString().equals(newestDaily);
        });
        var completePoll = pollUntil(t0, pollMillis, () -> {
            long g = System.nanoTime();
            boolean done = RunningService.allComplete(service.trackedEntry(symbol), 4);
            trackingGets.add(millisSince(g));
            return done;
        });
        double daily = dailyPoll.get(120, TimeUnit.SECONDS);
        double complete = completePoll.get(120, TimeUnit.SECONDS);
        double trackingGet = trackingGets.stream().mapToDouble(Double::doubleValue).sorted()
                .skip(trackingGets.size() / 2).findFirst().orElse(0);
        return runsOf(service, symbol, postWallMillis, post, daily, complete, trackingGet);
    }

    /**
     * Checks {@code condition} every {@code pollMillis} on its own thread; completes with the milliseconds from
     * {@code t0} to the answer that first said yes.
     */
    private static CompletableFuture<Double> pollUntil(long t0, long pollMillis,
            BooleanSupplier condition) {
        var result = new CompletableFuture<Double>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                long deadline = t0 + Duration.ofSeconds(120).toNanos();
                long nextPoll = t0;
                while (!condition.getAsBoolean()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("not reached after 120 s");
                    }
                    nextPoll += pollMillis * 1_000_000;
                    long sleep = nextPoll - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(Duration.ofNanos(sleep));
                    } else {
                        nextPoll = System.nanoTime();
                    }
                }
                result.complete(millisSince(t0));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Reads the service's own record of the slice runs, to tell waiting apart from working. */
    private static Sample runsOf(RunningService service, String symbol, long postWallMillis, double post, double daily,
            double complete, double trackingGet) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + service.dbFile().toAbsolutePath());
                PreparedStatement ps = c.prepareStatement("""
                        SELECT count(*), min(started_at), max(finished_at), sum(duration_ms)
                          FROM backfill_run WHERE symbol = ?""")) {
            ps.setString(1, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Sample(symbol, post, daily, complete, rs.getInt(1), rs.getLong(2) - postWallMillis,
                        rs.getLong(3) - postWallMillis, rs.getLong(4), trackingGet);
            }
        }
    }

    /** The cost of the tracking list on its own, once the service is idle again. */
    private static void idleTrackingList(RunningService service, int times) {
        long[] nanos = new long[times];
        int symbols = 0;
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            symbols = service.get("/api/v1/tracking").get("count").asInt();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%nGET /api/v1/tracking with %d symbols tracked, service idle, %d calls: median %.1f ms, max %.1f ms%n",
                symbols, times, nanos[times / 2] / 1e6, nanos[times - 1] / 1e6);
    }

    /** Slice run times by timeframe over the measured symbols, against the provider's latency. */
    private static void printSliceRuns(RunningService service, List<String> symbols) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        String in = String.join(",", symbols.stream().map(x -> "?").toList());
        try (Connection c = config.createConnection("jdbc:sqlite:" + service.dbFile().toAbsolutePath());
                PreparedStatement ps = c.prepareStatement("SELECT timeframe, duration_ms, rows_written FROM backfill_run"
                        + " WHERE symbol IN (" + in + ") ORDER BY timeframe, duration_ms")) {
            for (int i = 0; i < symbols.size(); i++) {
                ps.setString(i + 1, symbols.get(i));
            }
            Map<String, List<long[]>> byTimeframe = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byTimeframe.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            System.out.println();
            System.out.println("| fetched timeframe | slice runs | median run ms | max run ms | median rows written |");
            System.out.println("|---|---|---|---|---|");
            byTimeframe.forEach((tf, runs) -> {
                long[] ms = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
                long[] rows = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
                System.out.printf("| %s | %d | %d | %d | %d |%n", tf, ms.length, ms[ms.length / 2], ms[ms.length - 1],
                        rows[rows.length / 2]);
            });
        }
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
