/**
 * Backfill planning: given the window a series should hold, what is already stored and what a provider
 * can serve, decide which ranges to fetch and cut them into provider-sized slices, newest first, so a
 * chart shows recent bars within seconds while older history follows. Pure functions, no I/O.
 */
package io.candlekeep.core.plan;
