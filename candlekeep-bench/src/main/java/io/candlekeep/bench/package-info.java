/**
 * Benchmarks of Candlekeep. In-process hot paths: store upsert throughput
 * ({@link io.candlekeep.bench.StoreUpsertBenchmark}, a plain main) and cached reads
 * ({@link io.candlekeep.bench.CachedReadBenchmark}, JMH). Whole-service drivers, plain mains that start Candlekeep
 * in-process on a temporary data folder and measure it from outside over loopback HTTP:
 * {@link io.candlekeep.bench.HttpReadBenchmark}, {@link io.candlekeep.bench.TrackToCompleteBenchmark} and
 * {@link io.candlekeep.bench.ScaleBenchmark} (10,000 symbols: backfill, heap, schedule ticks),
 * {@link io.candlekeep.bench.PortfolioBenchmark} and {@link io.candlekeep.bench.StreamFanoutBenchmark} (WebSocket
 * fan-out beside a JDK-only floor). They run
 * outside {@code mvn test}; figures are never asserted in tests. See {@code docs/PERFORMANCE.md}.
 */
package io.candlekeep.bench;
