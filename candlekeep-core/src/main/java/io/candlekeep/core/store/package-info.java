/** The port to bar storage: idempotent upserts keyed by (series, start), and range reads. */
package io.candlekeep.core.store;
