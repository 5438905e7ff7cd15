package io.candlekeep.bench;

import io.candlekeep.app.store.postgres.PostgresBarStore;
import io.candlekeep.app.store.sqlite.SqliteBarStore;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upsert throughput of the database stores: 1,000 series x 1,000 1h bars into a fresh database, one call per
 * series as a backfill slice writes them (one transaction each). {@link SqliteBarStore} runs for several
 * rows-per-statement settings ({@code 1} = JDBC executeBatch of single-row statements); {@link PostgresBarStore}
 * ({@code store=postgres}) writes into a new database on the server {@code pg} names, from {@code writers} threads
 * at once (each its own share of the series, as the job engine's slices write). Prints bars/s by wall clock and by the writing thread's CPU time (steadier on a busy
 * machine; summed over the writers; on PostgreSQL the server's work is not in it), median of 3 runs, then the same
 * bars written again (all unchanged, as when a job re-runs).
 *
 * <p>Arguments (all optional): {@code store=sqlite series=1000 bars=1000 runs=3 rows=1,64,128,250 groupSeries=1
 * writers=1 pg=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}; {@code groupSeries=N} writes N series per
 * {@code upsertAll} call instead; {@code rows} is SQLite's only; {@code writers=1,2,4} measures each number of
 * writing threads (SQLite has one writer connection, so there they queue for it).
 */
public final class StoreUpsertBenchmark {

    // CPU time of the writing thread (SQLite runs on it) tells the cost apart from waiting on a shared machine.
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StoreUpsertBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int seriesCount = Integer.parseInt(opts.getOrDefault("series", "1000"));
        int barsPerSeries = Integer.parseInt(opts.getOrDefault("bars", "1000"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
        int groupSeries = Integer.parseInt(opts.getOrDefault("groupSeries", "1"));
        boolean postgres = opts.getOrDefault("store", "sqlite").equals("postgres");
        String pg = opts.getOrDefault("pg", BenchDatabase.DEFAULT_PG);
        // PostgresBarStore has one way of writing; 0 stands for it
        int[] rowSettings = postgres ? new int[] {0} : Arrays.stream(opts.getOrDefault("rows", "1,64,128,250").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int[] writerSettings = Arrays.stream(opts.getOrDefault("writers", "1").split(","))
                .mapToInt(Integer::parseInt).toArray();

        List<Map<SeriesId, List<Bar>>> calls = prepare(seriesCount, barsPerSeries, groupSeries);
        long total = (long) seriesCount * barsPerSeries;
        Environment.print("StoreUpsertBenchmark", String.format(Locale.ROOT,
                "%s: %,d series x %,d bars = %,d bars, %d series per call, %d runs each",
                postgres ? "PostgreSQL at " + pg : "SQLite", seriesCount, barsPerSeries, total, groupSeries, runs));
        System.out.printf(Locale.ROOT, "%-22s %14s %18s %14s   %s%n", "mode", "insert bars/s", "insert bars/cpu-s",
                "rerun bars/s", "runs (insert bars/s)");
        for (int rows : rowSettings) {
            for (int writers : writerSettings) {
                double[] insert = new double[runs];
                double[] insertCpu = new double[runs];
                double[] rerun = new double[runs];
                for (int r = 0; r < runs; r++) {
                    try (BenchDatabase db = postgres ? BenchDatabase.postgres(pg) : new BenchDatabase()) {
                        BarStore store = postgres ? new PostgresBarStore(db.writer, db.reader)
                                : new SqliteBarStore(db.writer, db.reader, rows);
                        long[] cpuNanos = new long[1];
                        insert[r] = total / seconds(() -> cpuNanos[0] = check(writeAll(store, calls, writers), total));
                        insertCpu[r] = total / (cpuNanos[0] / 1e9);
                        rerun[r] = total / seconds(() -> check(writeAll(store, calls, writers), 0));
                    }
                }
                String mode = (postgres ? "unnest insert/upsert" : rows == 1 ? "executeBatch (1 row)" : "multi-row " + rows)
                        + (writerSettings.length > 1 || writers > 1 ? ", " + writers + "w" : "");
                System.out.printf(Locale.ROOT, "%-22s %,14.0f %,18.0f %,14.0f   %s%n", mode, median(insert),
                        median(insertCpu), median(rerun),
                        Arrays.toString(Arrays.stream(insert).mapToLong(Math::round).toArray()));
            }
        }
        Environment.printLoad();
    }

    private static List<Map<SeriesId, List<Bar>>> prepare(int seriesCount, int barsPerSeries, int groupSeries) {
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        long step = Timeframe.H1.millis();
        List<Map<SeriesId, List<Bar>>> calls = new ArrayList<>();
        Map<SeriesId, List<Bar>> call = new LinkedHashMap<>();
        for (int s = 0; s < seriesCount; s++) {
            List<Bar> bars = new ArrayList<>(barsPerSeries);
            double price = 50 + s % 500;
            for (int i = 0; i < barsPerSeries; i++) {
                double open = price;
                price = Math.max(1, price + ((i * 7919 + s * 104729) % 201 - 100) / 100.0);
                double high = Math.max(open, price) + 0.5;
                double low = Math.min(open, price) - 0.5;
                bars.add(Bar.of(first.plusMillis(i * step), open, high, low, price, 1000 + i, i < barsPerSeries - 1));
            }
            call.put(SeriesId.of("SYM" + s + "-USD", Timeframe.H1), bars);
            if (call.size() == groupSeries) {
                calls.add(call);
                call = new LinkedHashMap<>();
            }
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    /** What the writers changed and the CPU time they spent. */
    private record Written(long changed, long cpuNanos) {
    }

    /** Writes {@code calls} from {@code writers} threads, call i by thread i % writers. */
    private static Written writeAll(BarStore store, List<Map<SeriesId, List<Bar>>> calls, int writers) {
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Written>> shares = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                shares.add(pool.submit(() -> {
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long changed = 0;
                    for (int i = first; i < calls.size(); i += writers) {
                        changed += write(store, calls.get(i));
                    }
                    return new Written(changed, THREADS.getCurrentThreadCpuTime() - cpu0);
                }));
            }
            long changed = 0;
            long cpu = 0;
            for (Future<Written> share : shares) {
                Written w = share.get();
                changed += w.changed();
                cpu += w.cpuNanos();
            }
            return new Written(changed, cpu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A writer failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static long write(BarStore store, Map<SeriesId, List<Bar>> call) {
        if (call.size() == 1) {
            Map.Entry<SeriesId, List<Bar>> e = call.entrySet().iterator().next();
            return store.upsert(e.getKey(), e.getValue());
        }
        return store.upsertAll(call);
    }

    private static long check(Written written, long expected) {
        if (written.changed() != expected) {
            throw new IllegalStateException("Expected " + expected + " changed rows, the store reported "
                    + written.changed());
        }
        return written.cpuNanos();
    }

    private static double seconds(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
