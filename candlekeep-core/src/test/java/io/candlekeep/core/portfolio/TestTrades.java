package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/** Short trade builders for the portfolio tests: fee 0 and USD unless said otherwise. */
final class TestTrades {

    private TestTrades() {
    }

    static Trade buy(long id, String symbol, String quantity, String price, String time) {
        return trade(id, symbol, TradeSide.BUY, quantity, price, "0", "USD", time);
    }

    static Trade sell(long id, String symbol, String quantity, String price, String time) {
        return trade(id, symbol, TradeSide.SELL, quantity, price, "0", "USD", time);
    }

    static Trade trade(long id, String symbol, TradeSide side, String quantity, String price, String fee,
            String currency, String time) {
        return new Trade(id, Symbol.of(symbol), side, new BigDecimal(quantity), new BigDecimal(price),
                new BigDecimal(fee), currency, Instant.parse(time));
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
