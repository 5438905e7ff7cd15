/**
 * Metrics for Prometheus at {@code /actuator/prometheus} (Micrometer). Each feature registers its own meters, named
 * {@code candlekeep.<feature>.*} ({@code candlekeep_<feature>_*} in Prometheus), in a small {@code XxxMetrics} class
 * of its package: counters are counted where the event happens, in memory; figures that cost a query are read at
 * scrape time through a {@link io.candlekeep.app.metrics.Memo}, so a scrape every few seconds costs one query per
 * few seconds. This package holds only what those classes share.
 */
package io.candlekeep.app.metrics;
