package io.candlekeep.app.portfolio;

import java.math.BigDecimal;

/**
 * A transaction as a client sends it. {@code fee} defaults to 0, {@code currency} to the portfolio's base currency;
 * {@code time} is ISO-8601 or epoch milliseconds.
 */
public record TradeInput(String symbol, String side, BigDecimal quantity, BigDecimal price, BigDecimal fee,
        String currency, String time) {
}
