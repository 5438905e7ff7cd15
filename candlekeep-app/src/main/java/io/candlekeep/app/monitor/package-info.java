/**
 * Monitoring: how the backfill went over the last hours (runs by outcome, rows written, median duration, and the
 * slices waiting and running now, per timeframe), and what one symbol's series hold against their calendars,
 * down to each gap. Read-only; the figures come from {@code backfill} and {@code tracking}.
 */
package io.candlekeep.app.monitor;
