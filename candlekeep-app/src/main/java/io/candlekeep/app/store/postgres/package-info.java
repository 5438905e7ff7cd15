/**
 * The PostgreSQL store, for production and for several instances on one database: selected when the database URL
 * ({@code CANDLEKEEP_DB_URL} or {@code spring.datasource.url}) is a {@code jdbc:postgresql:} URL. Bars are written
 * with {@code COPY} into a temporary table and one upsert from it; reads go through the same hot cache as on SQLite.
 * The instances hear each other, and programs that write into the database, through LISTEN/NOTIFY
 * ({@link io.candlekeep.app.store.postgres.PgNotifications}).
 */
package io.candlekeep.app.store.postgres;
