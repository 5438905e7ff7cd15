package io.candlekeep.core.calendar;

import java.util.Arrays;

/** A growable {@code long[]} for bar starts, so expected-start lists never box. */
final class LongArrayBuilder {

    private long[] values;
    private int size;

    LongArrayBuilder() {
        this(64);
    }

    /** Starts with room for {@code capacity} values, at least 16 and at most a million. */
    LongArrayBuilder(long capacity) {
        values = new long[(int) Math.clamp(capacity, 16, 1 << 20)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
