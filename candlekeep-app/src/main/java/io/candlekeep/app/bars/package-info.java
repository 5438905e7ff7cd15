/**
 * Bars as the app serves them: {@link io.candlekeep.app.bars.CachingBarStore} keeps the recent history of hot
 * series in memory ({@link io.candlekeep.app.bars.HotBarCache}, primitive arrays) in front of the database
 * store, so that reads of recent bars never touch the disk and writes keep the cached copy current.
 */
package io.candlekeep.app.bars;
