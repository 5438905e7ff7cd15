/**
 * Adapters that fetch bars from market-data providers, one sub-package per provider, plus what they
 * share: {@link io.candlekeep.app.provider.ResilientHistoryProvider} wraps any
 * {@link io.candlekeep.core.provider.HistoryProvider} with a rate limiter, retries and a circuit breaker,
 * so the adapters themselves only translate one request into one {@code FetchOutcome};
 * {@link io.candlekeep.app.provider.ResilientSymbolSearch} does the same for a symbol search, without retries, within
 * the caller's timeout.
 */
package io.candlekeep.app.provider;
