/**
 * Tracking: which symbols matter, why (the interest source sets the priority), and in which timeframes.
 * Tracking a symbol queues its backfill at once; coverage tells what each series holds against what its
 * calendar expects.
 */
package io.candlekeep.app.tracking;
