package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One day of a portfolio's value history, in the base currency, rounded to its digits.
 *
 * @param value what the holdings at the end of {@code date} were worth at that day's closes and rates
 * @param invested the net cash put in up to {@code date}: buys with their fees minus sale proceeds net of
 *        fees, converted at that day's rates
 * @param carried the symbols and currency pairs (such as {@code USDEUR=X}) whose close or rate was
 *        carried forward from an earlier date, sorted
 * @param missing the held symbols, and the currency pairs, with no close or rate on or before
 *        {@code date}, sorted; {@code value} and {@code invested} leave them out
 */
public record ValuePoint(LocalDate date, BigDecimal value, BigDecimal invested, List<Symbol> carried,
        List<Symbol> missing) {

    public ValuePoint {
        Checks.required(date, "date");
        Checks.required(value, "value");
        Checks.required(invested, "invested");
        carried = List.copyOf(Checks.required(carried, "carried"));
        missing = List.copyOf(Checks.required(missing, "missing"));
    }
}
