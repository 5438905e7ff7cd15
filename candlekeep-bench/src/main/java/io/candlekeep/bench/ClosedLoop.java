package io.candlekeep.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator: {@code workers} threads, each with its own connection, send one request, wait
 * for the whole answer, and send the next. Latency is measured per request around the blocking call; throughput
 * is the measured requests over the wall time from the common start to the last worker's end.
 */
final class ClosedLoop {

    /** One worker's connection or handle; {@link #call()} makes one request and returns the bytes it received. */
    interface Worker extends AutoCloseable {
        long call() throws Exception;

        /** Connections reopened so far because the server closed one; 0 for a worker that cannot tell. */
        default int reconnects() {
            return 0;
        }

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    interface WorkerFactory {
        Worker open() throws Exception;
    }

    /**
     * What one measurement found; latencies in microseconds.
     *
     * @param bytesPerRequest the bytes the last measured request received (body, or rows for JDBC)
     */
    record Result(String name, int workers, int requests, double p50, double p90, double p99, double max,
            double mean, double perSecond, long bytesPerRequest, int reconnects) {

        String row() {
            return String.format(Locale.ROOT, "| %-44s | %2d | %7d | %8.1f | %8.1f | %8.1f | %9.1f | %9.0f | %5d |", name,
                    workers, requests, p50, p90, p99, max, perSecond, reconnects);
        }

        static String header() {
            return "| what                                         |  c |    reqs | p50 µs   | p90 µs   | p99 µs   | max µs    | req/s     | reconn |\n"
                 + "|----------------------------------------------|----|---------|----------|----------|----------|-----------|-----------|--------|";
        }
    }

    private ClosedLoop() {
    }

    /** Warms up with {@code warmup} requests in total, then measures {@code requests} in total over {@code workers}. */
    static Result run(String name, int workers, int warmup, int requests, WorkerFactory factory) throws Exception {
        if (workers < 1 || requests < workers) {
            throw new IllegalArgumentException("workers must be >= 1 and requests >= workers, got workers=" + workers
                    + " requests=" + requests);
        }
        List<Worker> opened = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                opened.add(factory.open());
            }
            phase(opened, warmup / workers);
            long[][] perWorker = new long[workers][requests / workers];
            long[] lastBytes = new long[workers];
            int reconnectsBefore = opened.stream().mapToInt(Worker::reconnects).sum();
            long wallNanos = measure(opened, perWorker, lastBytes);
            int reconnects = opened.stream().mapToInt(Worker::reconnects).sum() - reconnectsBefore;
            long[] all = Arrays.stream(perWorker).flatMapToLong(Arrays::stream).sorted().toArray();
            double mean = Arrays.stream(all).average().orElse(0) / 1_000.0;
            return new Result(name, workers, all.length, micros(all, 0.50), micros(all, 0.90), micros(all, 0.99),
                    all[all.length - 1] / 1_000.0, mean, all.length / (wallNanos / 1e9), lastBytes[0], reconnects);
        } finally {
            for (Worker w : opened) {
                w.close();
            }
        }
    }

    /** Nearest-rank percentile. */
    private static double micros(long[] sortedNanos, double quantile) {
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1_000.0;
    }

    private static void phase(List<Worker> workers, int perWorker) throws Exception {
        runAll(workers, (index, w) -> {
            for (int i = 0; i < perWorker; i++) {
                w.call();
            }
        });
    }

    /** Runs the measured requests; returns the wall time from the first worker's start to the last one's end. */
    private static long measure(List<Worker> workers, long[][] perWorker, long[] lastBytes) throws Exception {
        CyclicBarrier start = new CyclicBarrier(workers.size());
        long[] begins = new long[workers.size()];
        long[] ends = new long[workers.size()];
        Thread[] threads = new Thread[workers.size()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = Thread.ofPlatform().name("load-" + t).start(() -> {
                try {
                    Worker w = workers.get(index);
                    long[] lat = perWorker[index];
                    start.await();
                    long bytes = 0;
                    begins[index] = System.nanoTime();
                    for (int i = 0; i < lat.length; i++) {
                        long t0 = System.nanoTime();
                        bytes = w.call();
                        lat[i] = System.nanoTime() - t0;
                    }
                    ends[index] = System.nanoTime();
                    lastBytes[index] = bytes;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A load worker failed: " + failure.get(), failure.get());
        }
        return Arrays.stream(ends).max().orElseThrow() - Arrays.stream(begins).min().orElseThrow();
    }

    private interface IndexedTask {
        void run(int index, Worker worker) throws Exception;
    }

    private static void runAll(List<Worker> workers, IndexedTask task) throws Exception {
        Thread[] threads = new Thread[workers.size()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = Thread.ofPlatform().name("warmup-" + t).start(() -> {
                try {
                    task.run(index, workers.get(index));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A warm-up worker failed: " + failure.get(), failure.get());
        }
    }
}
