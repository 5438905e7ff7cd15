package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One symbol's holding after replaying its trades, in the currency of those trades, at full precision.
 * {@code quantity} is negative for a short. {@code averageCost} is never negative and
 * {@code costBasis = quantity * averageCost}, so a short has a negative cost basis (the proceeds it
 * still owes back) and {@code quantity * price - costBasis} is the unrealized gain either way.
 * {@code fees} sums every trade's fee; {@code realizedGain} is already net of them. A position whose
 * quantity went back to zero is kept for its realized gain and is not {@link #isOpen() open}.
 */
public record Position(Symbol symbol, String currency, BigDecimal quantity, BigDecimal averageCost,
        BigDecimal costBasis, BigDecimal realizedGain, BigDecimal fees, Instant firstTrade, int tradeCount) {

    public Position {
        Checks.required(symbol, "symbol");
        Checks.currency(currency, "currency");
        Checks.required(quantity, "quantity");
        Checks.nonNegative(averageCost, "averageCost");
        Checks.required(costBasis, "costBasis");
        Checks.required(realizedGain, "realizedGain");
        Checks.nonNegative(fees, "fees");
        Checks.required(firstTrade, "firstTrade");
        if (tradeCount < 1) {
            throw new IllegalArgumentException("Field 'tradeCount' must be >= 1, was " + tradeCount);
        }
    }

    /** Whether anything is held (long or short). */
    public boolean isOpen() {
        return quantity.signum() != 0;
    }
}
