package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Currency pairs in Yahoo's form: the close of {@code USDEUR=X} is how many EUR one USD buys, so an
 * amount in USD times that close is the amount in EUR.
 */
public final class FxPair {

    /** The rate from a currency to itself. */
    public static final BigDecimal IDENTITY_RATE = BigDecimal.ONE;

    private FxPair() {
    }

    /**
     * The symbol whose close converts {@code from} into {@code to}, such as {@code USDEUR=X}; empty when
     * the two are the same currency (use {@link #IDENTITY_RATE}).
     */
    public static Optional<Symbol> symbol(String from, String to) {
        Checks.currency(from, "from");
        Checks.currency(to, "to");
        return from.equals(to) ? Optional.empty() : Optional.of(new Symbol(from + to + "=X"));
    }
}
