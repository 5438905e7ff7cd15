package io.candlekeep.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/tracking} with 100 new symbols (the per-request maximum) in all four timeframes (issue 16:
 * 0.9–3.7 s before the plan moved to the background; target 200 ms). The service runs on the simulated provider
 * without latency, on SQLite or PostgreSQL. After {@code bench.warmup} requests (their plans and backfills left to
 * finish), it sends {@code bench.rounds} requests of 100 new stocks each, one after the other, while the backfills of
 * the earlier ones run: for each it times the answer, and then (polling the database every 5 ms) how long after the
 * POST the request's plan had run, its slices queued. It reports median, p90 and max of both, and the series planned.
 *
 * <p>System properties: {@code bench.rounds} (20), {@code bench.warmup} (5), {@code bench.store} ({@code sqlite} or
 * {@code postgres}), {@code bench.pg} ({@value BenchDatabase#DEFAULT_PG}), {@code bench.latency} (0ms),
 * {@code bench.set.<candlekeep key>=<value>}.
 */
public final class TrackingPostBenchmark {

    private static final int SYMBOLS_PER_POST = 100;

    private TrackingPostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        boolean postgres = System.getProperty("bench.store", "sqlite").equals("postgres");
        String pg = System.getProperty("bench.pg", BenchDatabase.DEFAULT_PG);
        String latency = System.getProperty("bench.latency", "0ms");
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("candlekeep.providers.simulated.latency", latency);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> overrides.put(k.substring("bench.set.".length()), System.getProperty(k)));
        Environment.print("TrackingPostBenchmark", String.format(Locale.ROOT,
                "POST /api/v1/tracking of %d new symbols x 4 timeframes on %s: %d warm-up requests, %d timed, settings %s",
                SYMBOLS_PER_POST, postgres ? "PostgreSQL" : "SQLite", warmup, rounds, overrides));

        try (RunningService service = postgres ? RunningService.startOnPostgres(pg, overrides)
                : RunningService.start(overrides);
                Connection db = DriverManager.getConnection(service.dbUrl())) {
            for (int i = 0; i < warmup; i++) {
                post(service, db, "W" + i);
            }
            awaitIdle(db);
            System.out.println("warm-up done: plans and backfills of " + warmup * SYMBOLS_PER_POST
                    + " symbols finished (load " + Environment.loadAverage() + ")");

            double[] answered = new double[rounds];
            double[] planned = new double[rounds];
            long series = 0;
            long slicesQueuedMax = 0;
            for (int i = 0; i < rounds; i++) {
                Round r = post(service, db, "R" + i);
                answered[i] = r.answeredMs();
                planned[i] = r.plannedMs();
                series += r.jobsUpdated();
                slicesQueuedMax = Math.max(slicesQueuedMax, r.slicesQueued());
            }
            System.out.println();
            System.out.println("## " + rounds + " requests of " + SYMBOLS_PER_POST + " new symbols, backfills of the"
                    + " earlier ones running (load " + Environment.loadAverage() + ")");
            System.out.println("| figure | median ms | p90 ms | max ms |");
            System.out.println("|---|---|---|---|");
            row("**POST answered**", answered);
            row("its plan done (slices queued), from the POST", planned);
            System.out.printf(Locale.ROOT, "%,d series queued for planning (jobs_updated); up to %,d slices waiting in the"
                    + " engine when a request was sent%n", series, slicesQueuedMax);
            Environment.printLoad();
        }
    }

    private record Round(double answeredMs, double plannedMs, int jobsUpdated, long slicesQueued) {
    }

    private static Round post(RunningService service, Connection db, String prefix) throws Exception {
        List<String> symbols = IntStream.range(0, SYMBOLS_PER_POST)
                .mapToObj(i -> String.format(Locale.ROOT, "%s%03d", prefix, i)).toList();
        String body = symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "{\"symbols\":[", "]}"));
        long slicesQueued = count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice'");
        long t = System.nanoTime();
        JsonNode answer = service.post("/api/v1/tracking", body);
        double answeredMs = (System.nanoTime() - t) / 1e6;
        // planned once every fetched series of the request has a job and the request's plan has left the engine
        String last = symbols.getLast();
        while (count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'plan-interest'") > 0
                || count(db, "SELECT COUNT(*) FROM series_job WHERE symbol = '" + last + "'") < 3) {
            Thread.sleep(5);
        }
        double plannedMs = (System.nanoTime() - t) / 1e6;
        return new Round(answeredMs, plannedMs, answer.get("jobs_updated").asInt(), slicesQueued);
    }

    /** Waits until no plan and no slice is left in the engine. */
    private static void awaitIdle(Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name IN ('plan-interest', 'backfill-slice')") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The warm-up's backfills did not finish within 10 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void row(String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, sorted[sorted.length / 2],
                sorted[(int) Math.ceil(0.9 * sorted.length) - 1], sorted[sorted.length - 1]);
    }
}
