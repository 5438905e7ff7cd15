package io.candlekeep.app.bars;

/**
 * Bars other instances wrote may have gone unannounced (on PostgreSQL, the {@code bars_written} connection was down
 * and is back): any series may have changed behind this instance's back, and nothing cached of them is trusted.
 */
public record WritesMissed() {
}
