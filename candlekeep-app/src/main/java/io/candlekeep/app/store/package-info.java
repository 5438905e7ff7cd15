/**
 * Storage adapters behind the core {@code BarStore} port: {@code store.sqlite} (embedded, the default) and
 * {@code store.postgres} (production, several instances on one database). What they share lives here: which one runs
 * ({@link io.candlekeep.app.store.StoreSelection}), transactions on behalf of one user, walled in by row-level
 * security on PostgreSQL ({@link io.candlekeep.app.store.UserTransactions}), and the notifications between the
 * instances ({@link io.candlekeep.app.store.NotificationListener}, {@link io.candlekeep.app.store.NotificationSender},
 * {@link io.candlekeep.app.store.InstanceMessages}).
 */
package io.candlekeep.app.store;
