package io.candlekeep.core.portfolio;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The realized gains of a portfolio in its base currency: each {@link Realization} in another currency is converted
 * at the FX close of its day (the last close before it over a holiday), as it was worth then, not at today's rate.
 * A realization whose currency has no close on or before its day is left out and its currency named.
 *
 * @param amount      the sum in the base currency, unrounded
 * @param unconverted currencies with a realization that could not be converted, sorted
 */
public record RealizedInBase(BigDecimal amount, Set<String> unconverted) {

    public RealizedInBase {
        Checks.required(amount, "amount");
        unconverted = Set.copyOf(Checks.required(unconverted, "unconverted"));
    }

    /**
     * @param fxByCurrency daily closes of the pair from each other currency to {@code baseCurrency} (one unit of
     *                     the currency in the base, {@link FxPair}); a currency missing here converts nothing
     */
    public static RealizedInBase of(List<Realization> realizations, String baseCurrency,
            Map<String, DailyCloses> fxByCurrency) {
        Checks.currency(baseCurrency, "baseCurrency");
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> unconverted = new TreeSet<>();
        for (Realization r : Checks.required(realizations, "realizations")) {
            if (r.currency().equals(baseCurrency)) {
                sum = sum.add(r.amount());
                continue;
            }
            Optional<DailyClose> rate = Optional.ofNullable(fxByCurrency.get(r.currency()))
                    .flatMap(closes -> closes.findCloseOnOrBefore(r.date()));
            if (rate.isEmpty()) {
                unconverted.add(r.currency());
                continue;
            }
            sum = sum.add(r.amount().multiply(BigDecimal.valueOf(rate.get().close())));
        }
        return new RealizedInBase(sum, unconverted);
    }
}
