package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The positions that a portfolio's trades add up to, replayed in {@link Trade#TIMELINE time order (ties
 * by id)} with the average-cost method:
 * <ul>
 * <li>a trade that opens or adds to a holding adds its cash to the cost basis: {@code quantity * price
 * + fee} for a buy; for a short sale the proceeds net of fee, {@code quantity * price - fee}, on the
 * negative side;</li>
 * <li>a trade that reduces a holding removes cost in proportion at the average cost and books
 * {@code quantity * (price - averageCost) - fee} for a sell, or {@code quantity * (averageCost - price)
 * - fee} for a buy that covers a short;</li>
 * <li>a trade that goes through zero (only with short selling allowed) first closes the holding, then
 * opens the other side with the rest; its fee is split between the two by quantity.</li>
 * </ul>
 * A short's average cost is thus its average entry price net of fees. Divisions keep 34 significant
 * digits ({@link MathContext#DECIMAL128}); closing a holding removes all its remaining cost, so no
 * rounding is left behind.
 */
public final class PositionBook {

    private static final MathContext MATH = MathContext.DECIMAL128;

    private final Map<Symbol, Position> positions;
    private final List<Realization> realizations;

    private PositionBook(Map<Symbol, Position> positions, List<Realization> realizations) {
        this.positions = positions;
        this.realizations = realizations;
    }

    /**
     * Replays {@code trades} (in any order).
     *
     * @throws PortfolioRuleException when a sell would take a holding below zero and {@code allowShort} is
     *         off, or when one symbol is traded in two currencies
     */
    public static PositionBook replay(List<Trade> trades, boolean allowShort) {
        List<Trade> ordered = new ArrayList<>(Checks.required(trades, "trades"));
        ordered.sort(Trade.TIMELINE);
        Map<Symbol, Holding> holdings = new TreeMap<>();
        List<Realization> realizations = new ArrayList<>();
        for (Trade t : ordered) {
            BigDecimal realized = holdings.computeIfAbsent(t.symbol(), s -> new Holding(t)).apply(t, allowShort);
            if (realized != null) {
                realizations.add(new Realization(t.symbol(), t.currency(), t.date(), realized));
            }
        }
        Map<Symbol, Position> positions = new TreeMap<>();
        holdings.forEach((symbol, h) -> positions.put(symbol, h.toPosition()));
        return new PositionBook(positions, List.copyOf(realizations));
    }

    /** The book after adding {@code candidate}; throws as {@link #replay} does when the timeline breaks a rule. */
    public static PositionBook checkAdd(List<Trade> existing, Trade candidate, boolean allowShort) {
        List<Trade> changed = new ArrayList<>(existing);
        changed.add(Checks.required(candidate, "candidate"));
        return replay(changed, allowShort);
    }

    /**
     * The book after the trade with {@code id} is replaced by {@code replacement} (which takes that id);
     * throws as {@link #replay} does when the timeline breaks a rule.
     *
     * @throws NoSuchElementException when no trade has {@code id}
     */
    public static PositionBook checkReplace(List<Trade> existing, long id, Trade replacement, boolean allowShort) {
        List<Trade> changed = without(existing, id);
        changed.add(Checks.required(replacement, "replacement").withId(id));
        return replay(changed, allowShort);
    }

    /**
     * The book after the trade with {@code id} is removed; throws as {@link #replay} does when the
     * timeline breaks a rule, e.g. when a later sell needed the removed buy.
     *
     * @throws NoSuchElementException when no trade has {@code id}
     */
    public static PositionBook checkRemove(List<Trade> existing, long id, boolean allowShort) {
        return replay(without(existing, id), allowShort);
    }

    private static List<Trade> without(List<Trade> existing, long id) {
        List<Trade> rest = new ArrayList<>(existing.size());
        for (Trade t : existing) {
            if (t.id() != id) {
                rest.add(t);
            }
        }
        if (rest.size() == existing.size()) {
            throw new NoSuchElementException("No trade with id " + id + " among " + existing.size() + " trades");
        }
        return rest;
    }

    /** One position per symbol ever traded, open or not, sorted by symbol. */
    public List<Position> positions() {
        return List.copyOf(positions.values());
    }

    /**
     * What each trade that reduced a holding realized, in time order; per symbol they add up to its position's
     * {@link Position#realizedGain() realized gain}.
     */
    public List<Realization> realizations() {
        return realizations;
    }

    public Optional<Position> findPosition(Symbol symbol) {
        return Optional.ofNullable(positions.get(symbol));
    }

    /** The running state of one symbol during a replay. */
    private static final class Holding {
        private final Symbol symbol;
        private final String currency;
        private final Instant firstTrade;
        private BigDecimal quantity = BigDecimal.ZERO;
        private BigDecimal costBasis = BigDecimal.ZERO;
        private BigDecimal realizedGain = BigDecimal.ZERO;
        private BigDecimal fees = BigDecimal.ZERO;
        private int tradeCount;

        Holding(Trade first) {
            this.symbol = first.symbol();
            this.currency = first.currency();
            this.firstTrade = first.time();
        }

        /** Applies {@code t}; answers what it realized, or null when it reduced nothing. */
        BigDecimal apply(Trade t, boolean allowShort) {
            if (!t.currency().equals(currency)) {
                throw PortfolioRuleException.mixedCurrency(t, currency);
            }
            BigDecimal delta = t.signedQuantity();
            BigDecimal after = quantity.add(delta);
            if (!allowShort && after.signum() < 0) {
                throw PortfolioRuleException.belowZero(t, after);
            }
            BigDecimal opening = t.quantity();
            BigDecimal openingFee = t.fee();
            BigDecimal realized = null;
            if (quantity.signum() != 0 && quantity.signum() != delta.signum()) {
                BigDecimal held = quantity.abs();
                boolean closesAll = t.quantity().compareTo(held) >= 0;
                BigDecimal closing = closesAll ? held : t.quantity();
                BigDecimal closingFee = closesAll ? t.fee().multiply(held).divide(t.quantity(), MATH) : t.fee();
                BigDecimal removedCost = closesAll ? costBasis : costBasis.multiply(closing).divide(held, MATH);
                // the owner receives a sale's proceeds and pays to cover a short
                realized = cashPaid(t, closing, closingFee).add(removedCost).negate();
                realizedGain = realizedGain.add(realized);
                costBasis = costBasis.subtract(removedCost);
                opening = t.quantity().subtract(closing);
                openingFee = t.fee().subtract(closingFee);
            }
            if (opening.signum() > 0) {
                costBasis = costBasis.add(cashPaid(t, opening, openingFee));
            }
            quantity = after;
            fees = fees.add(t.fee());
            tradeCount++;
            return realized;
        }

        /** What {@code units} of {@code t} cost the owner: positive for a buy, negative (proceeds) for a sell. */
        private static BigDecimal cashPaid(Trade t, BigDecimal units, BigDecimal fee) {
            BigDecimal gross = units.multiply(t.price());
            return (t.side() == TradeSide.BUY ? gross : gross.negate()).add(fee);
        }

        Position toPosition() {
            BigDecimal averageCost = quantity.signum() == 0 ? BigDecimal.ZERO : costBasis.divide(quantity, MATH);
            return new Position(symbol, currency, quantity, averageCost, costBasis, realizedGain, fees, firstTrade,
                    tradeCount);
        }
    }
}
