package io.candlekeep.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Latencies in microseconds, counted in buckets as HdrHistogram does: exact below 128 µs, then 64 buckets per power
 * of two (under 1.6 % error), so that millions of samples from several threads cost one atomic increment each and
 * no memory per sample. Percentiles are nearest-rank, reported as the middle of their bucket; the max is exact.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 64;
    private static final int LINEAR = 2 * SUB_BUCKETS;
    private static final int BUCKETS = LINEAR + 56 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long micros) {
        long v = Math.max(0, micros);
        counts.incrementAndGet(index(v));
        max.accumulate(v);
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    long maxMicros() {
        return max.get();
    }

    /** The nearest-rank {@code quantile} (0 to 1) in µs; 0 when nothing was recorded. */
    double percentile(double quantile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(middle(i), max.get());
            }
        }
        return max.get();
    }

    private static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - 6;
        return LINEAR + (shift - 1) * SUB_BUCKETS + (int) ((v >> shift) - SUB_BUCKETS);
    }

    private static double middle(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB_BUCKETS + 1;
        long low = (long) ((index - LINEAR) % SUB_BUCKETS + SUB_BUCKETS) << shift;
        return low + ((1L << shift) - 1) / 2.0;
    }
}
