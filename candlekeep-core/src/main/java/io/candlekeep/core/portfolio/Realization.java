package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The gain (or loss, negative) one trade realized by reducing a holding, net of its share of the fee, in the
 * position's {@code currency}, on the UTC {@code date} of the trade.
 */
public record Realization(Symbol symbol, String currency, LocalDate date, BigDecimal amount) {

    public Realization {
        Checks.required(symbol, "symbol");
        Checks.currency(currency, "currency");
        Checks.required(date, "date");
        Checks.required(amount, "amount");
    }
}
