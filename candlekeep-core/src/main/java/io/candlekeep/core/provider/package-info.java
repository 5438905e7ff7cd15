/**
 * The ports to market-data providers: what a provider can serve and what it answered, as values.
 * A provider never throws for its own faults: a history provider answers
 * {@link io.candlekeep.core.provider.FetchOutcome}, a quote provider a
 * {@link io.candlekeep.core.provider.QuoteBatch} of {@link io.candlekeep.core.provider.Quote}s, a symbol search a
 * {@link io.candlekeep.core.provider.SearchOutcome} of {@link io.candlekeep.core.provider.Listing}s. What a provider
 * reports about a listing in passing goes to a {@link io.candlekeep.core.provider.ListingListener}.
 */
package io.candlekeep.core.provider;
