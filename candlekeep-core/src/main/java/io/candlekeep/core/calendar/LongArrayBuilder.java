package io.candlekeep.core.calendar;

import java.util.Arrays;

/** A growable {@code long[]} for bar starts, so expected-start lists never box. */
final class LongArrayBuilder {

    private long[] values = new long[64];
    private int size;

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
