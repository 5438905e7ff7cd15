/**
 * The ports to market-data providers: what a provider can serve and what it answered, as values.
 * A provider never throws for its own faults: a history provider answers
 * {@link io.candlekeep.core.provider.FetchOutcome}, a quote provider a
 * {@link io.candlekeep.core.provider.QuoteBatch} of {@link io.candlekeep.core.provider.Quote}s.
 */
package io.candlekeep.core.provider;
