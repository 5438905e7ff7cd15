/**
 * The port to market-data providers: what a provider can serve and what it answered, as values.
 * A provider never throws for its own faults; it answers {@link io.candlekeep.core.provider.FetchOutcome}.
 */
package io.candlekeep.core.provider;
