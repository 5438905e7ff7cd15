/**
 * Portfolio arithmetic without frameworks: trades, positions replayed with the average-cost method,
 * valuation in a base currency and a daily value history for charts. Money and quantities are
 * {@link java.math.BigDecimal}; market prices arrive as doubles and are converted with
 * {@code BigDecimal.valueOf}. Nothing here reads the clock.
 */
package io.candlekeep.core.portfolio;
