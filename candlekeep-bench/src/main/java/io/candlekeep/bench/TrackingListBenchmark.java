package io.candlekeep.bench;

import io.candlekeep.app.tracking.TrackingListQuery;
import io.candlekeep.core.domain.Symbol;
import java.io.ByteArrayOutputStream;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tracking lists and the job statistics at scale (issue 16): tracks {@code bench.symbols} distinct symbols (10,000
 * by default, stocks and {@code bench.crypto} crypto pairs as in {@link ScaleBenchmark}) in all four timeframes
 * through {@code POST /api/v1/tracking}, 100 a request, on the simulated provider without latency, waits until the
 * whole backfill has settled (every series' bars stored), then times, one request at a time on one keep-alive
 * connection, {@code bench.repetitions} calls of each: the caller's first page of 100 of {@code GET /api/v1/tracking},
 * a page in the middle (after a cursor), a page filtered by status, a page of 500, the admin's
 * {@code GET /api/v1/monitor/tracking} page of 100 and {@code GET /api/v1/monitor/jobs}; and the time to read the
 * whole list page by page (500 a page). The target is a page of 100 in at most 20 ms at 10,000 symbols.
 *
 * <p>System properties: {@code bench.symbols} (10000), {@code bench.crypto} (1 % of the symbols),
 * {@code bench.repetitions} (100), {@code bench.warmup} (20), {@code bench.timeoutMinutes} (45),
 * {@code bench.pollSeconds} (5), {@code bench.store} ({@code sqlite} or {@code postgres}), {@code bench.pg}
 * (the PostgreSQL server, {@value BenchDatabase#DEFAULT_PG}), {@code bench.set.<candlekeep key>=<value>}.
 */
public final class TrackingListBenchmark {

    private static final int BATCH = 100;
    /** Fetched series per symbol on the simulated provider: 15m, 1h (4h is derived from it) and 1d. */
    private static final int FETCHED_PER_SYMBOL = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrackingListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("bench.symbols", 10_000);
        int crypto = Math.min(total, Integer.getInteger("bench.crypto", Math.max(0, total / 100)));
        int repetitions = Integer.getInteger("bench.repetitions", 100);
        int warmup = Integer.getInteger("bench.warmup", 20);
        Duration timeout = Duration.ofMinutes(Long.getLong("bench.timeoutMinutes", 45));
        long pollMillis = Duration.ofSeconds(Long.getLong("bench.pollSeconds", 5)).toMillis();
        boolean postgres = System.getProperty("bench.store", "sqlite").equals("postgres");
        String pg = System.getProperty("bench.pg", BenchDatabase.DEFAULT_PG);
        List<String> symbols = ScaleBenchmark.symbols(total - crypto, crypto);

        Map<String, Object> overrides = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> overrides.put(k.substring("bench.set.".length()), System.getProperty(k)));
        Environment.print("TrackingListBenchmark", String.format(Locale.ROOT,
                "%d symbols (%d stocks, %d crypto) x 4 timeframes on %s, %d calls of each request after %d warm-up calls,"
                        + " settings %s", total, total - crypto, crypto, postgres ? "PostgreSQL" : "SQLite", repetitions,
                warmup, overrides));

        try (RunningService service = postgres ? RunningService.startOnPostgres(pg, overrides)
                : RunningService.start(overrides)) {
            long t0 = System.nanoTime();
            double[] posts = trackAll(service, symbols);
            Arrays.sort(posts);
            System.out.printf(Locale.ROOT, "tracked %d symbols in %d POSTs: per POST median %.0f ms, max %.0f ms%n",
                    symbols.size(), posts.length, posts[posts.length / 2], posts[posts.length - 1]);
            try (Connection db = DriverManager.getConnection(service.dbUrl())) {
                awaitSettled(db, symbols.size() * FETCHED_PER_SYMBOL, t0, timeout, pollMillis);
                printStored(db);
            }

            String middle = TrackingListQuery.cursorAfter(Symbol.of(symbols.get(symbols.size() / 2)));
            Map<String, String> requests = new LinkedHashMap<>();
            requests.put("GET /api/v1/tracking?limit=100 (first page)", "/api/v1/tracking?limit=100");
            requests.put("GET /api/v1/tracking?limit=100&cursor=… (a page in the middle)",
                    "/api/v1/tracking?limit=100&cursor=" + middle);
            requests.put("GET /api/v1/tracking?limit=100&status=ACTIVE", "/api/v1/tracking?limit=100&status=ACTIVE");
            requests.put("GET /api/v1/tracking (default page, 100)", "/api/v1/tracking");
            requests.put("GET /api/v1/tracking?limit=500", "/api/v1/tracking?limit=500");
            requests.put("GET /api/v1/monitor/tracking?limit=100 (admin, all users)", "/api/v1/monitor/tracking?limit=100");
            requests.put("GET /api/v1/monitor/jobs (last 24 h)", "/api/v1/monitor/jobs");

            System.out.println();
            System.out.println("## One request at a time, " + repetitions + " calls each (load " + Environment.loadAverage() + ")");
            System.out.println("| request | median ms | p90 ms | max ms | body bytes | symbols on the page |");
            System.out.println("|---|---|---|---|---|---|");
            try (RawHttpConnection connection = new RawHttpConnection(service.port(), "/api/v1/tracking?limit=1")) {
                for (Map.Entry<String, String> r : requests.entrySet()) {
                    time(connection, r.getKey(), r.getValue(), warmup, repetitions);
                }
                readWholeList(connection, symbols.size());
            }
            Environment.printLoad();
        }
    }

    private static double[] trackAll(RunningService service, List<String> symbols) {
        double[] ms = new double[(symbols.size() + BATCH - 1) / BATCH];
        for (int from = 0, i = 0; from < symbols.size(); from += BATCH, i++) {
            List<String> batch = symbols.subList(from, Math.min(symbols.size(), from + BATCH));
            String body = batch.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "{\"symbols\":[", "]}"));
            long t = System.nanoTime();
            service.post("/api/v1/tracking", body);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    /** Polls until every expected series has a settled job, no slice waits in the engine and no plan is queued. */
    private static void awaitSettled(Connection db, int expectedSeries, long t0, Duration timeout, long pollMillis)
            throws Exception {
        long deadline = t0 + timeout.toNanos();
        long nextProgress = 0;
        while (true) {
            long settled = count(db, "SELECT COUNT(*) FROM series_job WHERE status IN ('COMPLETE', 'FAILED', 'NOT_FOUND')");
            long queued = count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name IN ('backfill-slice', 'plan-interest')");
            boolean done = settled >= expectedSeries && queued == 0;
            if (done || System.nanoTime() >= nextProgress) {
                System.out.printf(Locale.ROOT, "  %.0f s: %d of %d series settled, %d slices and plans queued, load %s%n",
                        (System.nanoTime() - t0) / 1e9, settled, expectedSeries, queued, Environment.loadAverage());
                nextProgress = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            if (done) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("The backfill did not settle within " + timeout + ": " + settled + " of "
                        + expectedSeries + " series settled, " + queued + " slices and plans queued");
            }
            Thread.sleep(pollMillis);
        }
    }

    private static void printStored(Connection db) throws SQLException {
        System.out.printf(Locale.ROOT, "stored: %,d bars in %,d series; %,d slice runs%n",
                count(db, "SELECT COUNT(*) FROM bars"), count(db, "SELECT COUNT(*) FROM series"),
                count(db, "SELECT COUNT(*) FROM backfill_run"));
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void time(RawHttpConnection connection, String name, String path, int warmup, int repetitions)
            throws Exception {
        byte[] request = connection.request(path);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < warmup; i++) {
            connection.send(request, null);
        }
        double[] ms = new double[repetitions];
        long bytes = 0;
        for (int i = 0; i < repetitions; i++) {
            body.reset();
            long t = System.nanoTime();
            bytes = connection.send(request, body);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        JsonNode answer = JSON.readTree(body.toByteArray());
        String listed = answer.has("symbols") ? answer.get("count").asInt() + " of " + answer.get("total").asInt() : "–";
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %,d | %s |%n", name, ms[ms.length / 2],
                ms[(int) Math.ceil(0.9 * ms.length) - 1], ms[ms.length - 1], bytes, listed);
    }

    /** Reads the whole list, 500 a page, following next_cursor; twice, and reports the second. */
    private static void readWholeList(RawHttpConnection connection, int expected) throws Exception {
        long nanos = 0;
        int pages = 0;
        int symbols = 0;
        long bytes = 0;
        for (int round = 0; round < 2; round++) {
            nanos = 0;
            pages = 0;
            symbols = 0;
            bytes = 0;
            String cursor = null;
            do {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                String path = "/api/v1/tracking?limit=500" + (cursor == null ? "" : "&cursor=" + cursor);
                long t = System.nanoTime();
                bytes += connection.send(connection.request(path), body);
                nanos += System.nanoTime() - t;
                JsonNode page = JSON.readTree(body.toByteArray());
                pages++;
                symbols += page.get("count").asInt();
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            } while (cursor != null);
        }
        if (symbols != expected) {
            throw new IllegalStateException("Paging through the list gave " + symbols + " symbols, not " + expected);
        }
        System.out.printf(Locale.ROOT, "%nthe whole list, %d pages of up to 500: %d symbols, %,d bytes in %.0f ms"
                + " (%.2f ms a symbol)%n", pages, symbols, bytes, nanos / 1e6, nanos / 1e6 / symbols);
    }
}
