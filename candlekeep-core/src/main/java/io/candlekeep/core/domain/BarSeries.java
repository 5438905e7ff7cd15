package io.candlekeep.core.domain;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable run of bars in primitive arrays, sorted by start and without duplicate starts. This is
 * the hot-path form of a series: reading a year of daily bars is a binary search and an array copy.
 */
public final class BarSeries {

    private static final BarSeries EMPTY = new BarSeries(new long[0], new double[0], new double[0], new double[0],
            new double[0], new double[0], new boolean[0]);

    private final long[] start;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final boolean[] fin;

    private BarSeries(long[] start, double[] open, double[] high, double[] low, double[] close, double[] volume,
            boolean[] fin) {
        this.start = start;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.fin = fin;
    }

    public static BarSeries empty() {
        return EMPTY;
    }

    /**
     * Wraps arrays the caller hands over and no longer touches. Starts must be strictly increasing.
     */
    public static BarSeries ofArrays(long[] start, double[] open, double[] high, double[] low, double[] close,
            double[] volume, boolean[] fin) {
        int n = start.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n
                || fin.length != n) {
            throw new IllegalArgumentException("BarSeries arrays differ in length: start has " + n);
        }
        for (int i = 1; i < n; i++) {
            if (start[i] <= start[i - 1]) {
                throw new IllegalArgumentException("BarSeries starts must increase: " + Instant.ofEpochMilli(start[i - 1])
                        + " then " + Instant.ofEpochMilli(start[i]));
            }
        }
        return n == 0 ? EMPTY : new BarSeries(start, open, high, low, close, volume, fin);
    }

    /** Sorts by start; where two bars share a start the later one in the list wins. */
    public static BarSeries of(List<Bar> bars) {
        Bar[] sorted = bars.toArray(Bar[]::new);
        Arrays.sort(sorted, (a, b) -> Long.compare(a.startMillis(), b.startMillis()));
        Builder b = builder(sorted.length);
        for (Bar bar : sorted) {
            b.addOrReplaceLast(bar);
        }
        return b.build();
    }

    /**
     * {@code bars} as a store applies one write of them: sorted by start; of bars sharing a start, each takes the
     * place of the one before it as {@link Bar#replaces} says (so a forming bar after a final one is dropped).
     */
    public static BarSeries ofWrites(List<Bar> bars) {
        Bar[] sorted = bars.toArray(Bar[]::new);
        // stable: bars sharing a start keep their order in the list
        Arrays.sort(sorted, (a, b) -> Long.compare(a.startMillis(), b.startMillis()));
        Builder b = builder(sorted.length);
        Bar kept = null;
        for (Bar bar : sorted) {
            if (kept == null || kept.startMillis() != bar.startMillis() || bar.replaces(kept)) {
                b.addOrReplaceLast(bar);
                kept = bar;
            }
        }
        return b.build();
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public int size() {
        return start.length;
    }

    public boolean isEmpty() {
        return start.length == 0;
    }

    public long startMillis(int i) {
        return start[i];
    }

    public Instant start(int i) {
        return Instant.ofEpochMilli(start[i]);
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }

    public boolean isFinal(int i) {
        return fin[i];
    }

    public Bar get(int i) {
        return new Bar(Instant.ofEpochMilli(start[i]), open[i], high[i], low[i], close[i], volume[i], fin[i]);
    }

    /** A boxed view for code off the hot path. */
    public List<Bar> toList() {
        return new AbstractList<>() {
            @Override
            public Bar get(int index) {
                return BarSeries.this.get(index);
            }

            @Override
            public int size() {
                return start.length;
            }
        };
    }

    /** Index of the first bar starting at or after {@code millis} ({@code size()} when none). */
    public int indexAtOrAfter(long millis) {
        int i = Arrays.binarySearch(start, millis);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * The bars starting in {@code [fromInclusive, toExclusive)}; when more than {@code limit} match,
     * the newest {@code limit} of them.
     */
    public BarSeries range(long fromInclusive, long toExclusive, int limit) {
        int from = indexAtOrAfter(fromInclusive);
        int to = indexAtOrAfter(toExclusive);
        if (to - from > limit) {
            from = to - limit;
        }
        if (from >= to) {
            return EMPTY;
        }
        if (from == 0 && to == start.length) {
            return this;
        }
        return new BarSeries(Arrays.copyOfRange(start, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to),
                Arrays.copyOfRange(fin, from, to));
    }

    public long firstStartMillis() {
        return start[0];
    }

    public long lastStartMillis() {
        return start[start.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarSeries s && Arrays.equals(start, s.start) && Arrays.equals(open, s.open)
                && Arrays.equals(high, s.high) && Arrays.equals(low, s.low) && Arrays.equals(close, s.close)
                && Arrays.equals(volume, s.volume) && Arrays.equals(fin, s.fin);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(start) * 31 + Arrays.hashCode(close);
    }

    @Override
    public String toString() {
        return isEmpty() ? "BarSeries[]" : "BarSeries[" + size() + " bars " + start(0) + " .. " + start(size() - 1) + "]";
    }

    /** Appends bars in increasing start order. */
    public static final class Builder {
        private long[] start;
        private double[] open;
        private double[] high;
        private double[] low;
        private double[] close;
        private double[] volume;
        private boolean[] fin;
        private int n;

        private Builder(int capacity) {
            int c = Math.max(capacity, 4);
            start = new long[c];
            open = new double[c];
            high = new double[c];
            low = new double[c];
            close = new double[c];
            volume = new double[c];
            fin = new boolean[c];
        }

        public Builder add(Bar bar) {
            return add(bar.startMillis(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.isFinal());
        }

        public Builder add(long startMillis, double o, double h, double l, double c, double v, boolean isFinal) {
            if (n > 0 && startMillis <= start[n - 1]) {
                throw new IllegalArgumentException("Bars must be added in increasing start order: "
                        + Instant.ofEpochMilli(start[n - 1]) + " then " + Instant.ofEpochMilli(startMillis));
            }
            if (n == start.length) {
                grow();
            }
            start[n] = startMillis;
            open[n] = o;
            high[n] = h;
            low[n] = l;
            close[n] = c;
            volume[n] = v;
            fin[n] = isFinal;
            n++;
            return this;
        }

        Builder addOrReplaceLast(Bar bar) {
            if (n > 0 && start[n - 1] == bar.startMillis()) {
                n--;
            }
            return add(bar);
        }

        public int size() {
            return n;
        }

        private void grow() {
            int c = start.length * 2;
            start = Arrays.copyOf(start, c);
            open = Arrays.copyOf(open, c);
            high = Arrays.copyOf(high, c);
            low = Arrays.copyOf(low, c);
            close = Arrays.copyOf(close, c);
            volume = Arrays.copyOf(volume, c);
            fin = Arrays.copyOf(fin, c);
        }

        public BarSeries build() {
            if (n == 0) {
                return EMPTY;
            }
            return new BarSeries(Arrays.copyOf(start, n), Arrays.copyOf(open, n), Arrays.copyOf(high, n),
                    Arrays.copyOf(low, n), Arrays.copyOf(close, n), Arrays.copyOf(volume, n), Arrays.copyOf(fin, n));
        }
    }
}
