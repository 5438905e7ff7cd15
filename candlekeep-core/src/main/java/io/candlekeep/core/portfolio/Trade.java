package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One buy or sell: {@code quantity} units of {@code symbol} at {@code price} per unit plus {@code fee},
 * all in {@code currency} (an ISO 4217 code), at {@code time}. A trade counts from the UTC date of its
 * time. {@code id} is the store's identity; a trade not yet stored may carry any id.
 */
public record Trade(long id, Symbol symbol, TradeSide side, BigDecimal quantity, BigDecimal price, BigDecimal fee,
        String currency, Instant time) {

    /** The replay order: by time, ties by id. */
    public static final Comparator<Trade> TIMELINE =
            Comparator.comparing(Trade::time).thenComparingLong(Trade::id);

    public Trade {
        Checks.required(symbol, "symbol");
        Checks.required(side, "side");
        Checks.positive(quantity, "quantity");
        Checks.nonNegative(price, "price");
        Checks.nonNegative(fee, "fee");
        Checks.currency(currency, "currency");
        Checks.required(time, "time");
    }

    public static Trade of(long id, Symbol symbol, TradeSide side, BigDecimal quantity, BigDecimal price,
            BigDecimal fee, String currency, Instant time) {
        return new Trade(id, symbol, side, quantity, price, fee, currency, time);
    }

    public Trade withId(long id) {
        return new Trade(id, symbol, side, quantity, price, fee, currency, time);
    }

    /** The UTC date the trade counts from. */
    public LocalDate date() {
        return LocalDate.ofEpochDay(epochDay());
    }

    long epochDay() {
        return Math.floorDiv(time.getEpochSecond(), 86_400L);
    }

    /** {@code +quantity} for a buy, {@code -quantity} for a sell. */
    public BigDecimal signedQuantity() {
        return side == TradeSide.BUY ? quantity : quantity.negate();
    }

    /**
     * The cash this trade puts into the holding in its currency: {@code quantity * price + fee} for a buy,
     * {@code -(quantity * price - fee)} for a sell (the proceeds net of fee come back out).
     */
    BigDecimal cashIn() {
        return signedQuantity().multiply(price).add(fee);
    }
}
