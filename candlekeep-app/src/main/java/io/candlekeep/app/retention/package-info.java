/**
 * Retention: each series is trimmed to its timeframe's retention, never inside its backfill window and
 * never below a coarser bar still forming from it (DESIGN §6 rule 7).
 */
package io.candlekeep.app.retention;
