/**
 * Benchmarks of Candlekeep's hot paths: store upsert throughput ({@link io.candlekeep.bench.StoreUpsertBenchmark},
 * a plain main) and cached reads ({@link io.candlekeep.bench.CachedReadBenchmark}, JMH). They run outside
 * {@code mvn test}; figures are never asserted in tests.
 */
package io.candlekeep.bench;
