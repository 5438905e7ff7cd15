package io.candlekeep.core.portfolio;

import java.math.BigDecimal;

/**
 * A change to a portfolio's trades that would break one of its rules: a holding below zero while short
 * selling is disabled, or one symbol traded in two currencies. Rejected input changes nothing.
 */
public class PortfolioRuleException extends RuntimeException {

    public PortfolioRuleException(String message) {
        super(message);
    }

    static PortfolioRuleException belowZero(Trade sell, BigDecimal after) {
        return new PortfolioRuleException("Selling " + Checks.plain(sell.quantity()) + " " + sell.symbol() + " at "
                + sell.time() + " would leave " + Checks.plain(after)
                + "; holdings cannot go below zero (short selling is disabled)");
    }

    static PortfolioRuleException mixedCurrency(Trade trade, String heldCurrency) {
        // a trade not yet stored has no id (0): it is the one being added
        String which = trade.id() == 0 ? "The new trade" : "Trade " + trade.id();
        return new PortfolioRuleException(which + " of " + trade.symbol() + " at " + trade.time() + " is in " + trade.currency()
                + " but " + trade.symbol() + " is held in " + heldCurrency
                + "; all trades of one symbol must share one currency");
    }
}
