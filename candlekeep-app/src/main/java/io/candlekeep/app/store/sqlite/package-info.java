/**
 * The embedded SQLite bar store: one file, WAL mode, a single writer connection that every write in the
 * app goes through and a small pool of read-only connections for bar reads and read-only transactions
 * ({@link io.candlekeep.app.store.sqlite.SqliteDataSource}), which never wait for the writer. Bars are rows keyed by
 * (series, start) in a {@code WITHOUT ROWID} table; upserts are batched multi-row statements in one transaction per
 * call.
 */
package io.candlekeep.app.store.sqlite;
