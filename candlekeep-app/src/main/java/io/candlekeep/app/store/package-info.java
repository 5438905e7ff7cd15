/**
 * Storage adapters behind the core {@code BarStore} port: {@code store.sqlite} (embedded, the default) and
 * later {@code store.postgres}. What they share, such as {@link io.candlekeep.app.store.BarStoreException},
 * lives here.
 */
package io.candlekeep.app.store;
