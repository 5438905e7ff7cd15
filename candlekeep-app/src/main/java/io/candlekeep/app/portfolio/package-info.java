/**
 * Portfolios: a user's transactions (buy, sell) in decimal arithmetic, positions valued at the latest prices with
 * where each price came from, and a daily value history for charts. Recording a transaction tracks its symbol
 * (and the FX pair to the base currency) with source {@code portfolio}, so its history is backfilled at once.
 * Every read and write is scoped to the caller: another user's portfolio does not exist for them (404).
 */
package io.candlekeep.app.portfolio;
