package io.candlekeep.core.calendar;

/** One stretch of continuous trading {@code [open, close)} in epoch millis, for the grid calendars. */
record OpenWindow(long open, long close) {

    /** Wide enough for any instant a bar can carry, yet far from overflow when floored to a grid. */
    static final OpenWindow ALWAYS = new OpenWindow(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4);
}
