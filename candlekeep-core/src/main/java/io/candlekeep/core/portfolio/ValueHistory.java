package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A portfolio's value day by day, for charts. Holdings and invested cash are carried from day to day
 * as the trades fall due, so the cost is one pass over the trades plus one pass over the days.
 */
public final class ValueHistory {

    private ValueHistory() {
    }

    /**
     * One point for each weekday in {@code [fromInclusive, toInclusive]}, and for Saturdays and Sundays
     * too when {@code includeWeekends} (pass true when a crypto symbol is held). A trade counts from the
     * UTC date of its time; trades before {@code fromInclusive} make the opening holdings and those after
     * {@code toInclusive} are ignored. A holding is valued at its close on the day, or the last one
     * before it (then listed as {@link ValuePoint#carried() carried}); a holding with no close on or
     * before the day is {@link ValuePoint#missing() missing} and left out. Amounts in another currency
     * than {@code baseCurrency} are converted at the day's close of {@code fxToBaseByCurrency.get(currency)}
     * (the series of the {@link FxPair#symbol pair} from that currency to the base), carried and
     * missing alike: on a day without any rate yet, that currency's holdings and cash are left out and
     * only its pair is listed as missing. A currency is reported only on days it holds something or has
     * net cash in. Invested cash is converted at each point's own rate, not at the rate of the trade's
     * day, so {@code value - invested} is the gain in each holding's currency, shown in the base currency.
     *
     * @throws PortfolioRuleException when one symbol is traded in two currencies
     */
    public static List<ValuePoint> compute(List<Trade> trades, LocalDate fromInclusive, LocalDate toInclusive,
            Map<Symbol, DailyCloses> closes, Map<String, DailyCloses> fxToBaseByCurrency, String baseCurrency,
            boolean includeWeekends) {
        Checks.required(fromInclusive, "fromInclusive");
        Checks.required(toInclusive, "toInclusive");
        Checks.required(closes, "closes");
        Checks.required(fxToBaseByCurrency, "fxToBaseByCurrency");
        Checks.currency(baseCurrency, "baseCurrency");
        if (toInclusive.isBefore(fromInclusive)) {
            throw new IllegalArgumentException("Value history range [" + fromInclusive + ", " + toInclusive
                    + "] ends before it starts");
        }
        List<Trade> ordered = new ArrayList<>(Checks.required(trades, "trades"));
        ordered.sort(Trade.TIMELINE);
        Ledger ledger = new Ledger(ordered, closes, fxToBaseByCurrency, baseCurrency);
        long from = fromInclusive.toEpochDay();
        long to = toInclusive.toEpochDay();
        List<ValuePoint> points = new ArrayList<>((int) Math.min(to - from + 1, 100_000));
        int next = 0;
        for (long day = from; day <= to; day++) {
            if (!includeWeekends && isWeekend(day)) {
                continue;
            }
            while (next < ordered.size() && ordered.get(next).epochDay() <= day) {
                ledger.apply(ordered.get(next++));
            }
            points.add(ledger.pointOn(day));
        }
        return points;
    }

    private static boolean isWeekend(long epochDay) {
        // 1970-01-01 was a Thursday: 0 = Thursday, 2 = Saturday, 3 = Sunday
        long dayOfWeek = Math.floorMod(epochDay, 7L);
        return dayOfWeek == 2 || dayOfWeek == 3;
    }

    /** A cursor over one series of closes, moving forward only as the days advance. */
    private static final class CloseCursor {
        private final DailyCloses closes;
        private int index = -1;
        private BigDecimal close;

        CloseCursor(DailyCloses closes) {
            this.closes = closes;
        }

        /** The close on or before {@code day} (null when there is none); days must not go backwards. */
        BigDecimal moveTo(long day) {
            // the first call jumps over the years of closes before the range
            int i = index < 0 ? closes.indexOnOrBefore(day) : index;
            while (i + 1 < closes.size() && closes.epochDay(i + 1) <= day) {
                i++;
            }
            if (i != index) {
                index = i;
                close = BigDecimal.valueOf(closes.close(i));
            }
            return close;
        }

        boolean isCarried(long day) {
            return closes.epochDay(index) != day;
        }
    }

    /** The running holdings and cash of one currency. */
    private static final class CurrencyBook {
        private final Symbol pair;
        private final CloseCursor rate;
        private final List<Holding> holdings = new ArrayList<>();
        private BigDecimal cashIn = BigDecimal.ZERO;

        CurrencyBook(Symbol pair, CloseCursor rate) {
            this.pair = pair;
            this.rate = rate;
        }
    }

    private static final class Holding {
        private final Symbol symbol;
        private final CloseCursor close;
        private BigDecimal quantity = BigDecimal.ZERO;

        Holding(Symbol symbol, CloseCursor close) {
            this.symbol = symbol;
            this.close = close;
        }
    }

    /** Every symbol and currency the trades touch, indexed once before the days are walked. */
    private static final class Ledger {
        private final String baseCurrency;
        private final Map<Symbol, Holding> holdings = new HashMap<>();
        private final Map<Symbol, CurrencyBook> bookOfSymbol = new HashMap<>();
        private final List<CurrencyBook> books;

        Ledger(List<Trade> trades, Map<Symbol, DailyCloses> closes, Map<String, DailyCloses> fx, String baseCurrency) {
            this.baseCurrency = baseCurrency;
            Map<String, CurrencyBook> byCurrency = new TreeMap<>();
            Map<Symbol, Trade> firstOfSymbol = new HashMap<>();
            for (Trade t : trades) {
                Trade first = firstOfSymbol.putIfAbsent(t.symbol(), t);
                if (first != null) {
                    if (!first.currency().equals(t.currency())) {
                        throw PortfolioRuleException.mixedCurrency(t, first.currency());
                    }
                    continue;
                }
                CurrencyBook book = byCurrency.computeIfAbsent(t.currency(), c -> new CurrencyBook(
                        FxPair.symbol(c, baseCurrency).orElse(null),
                        c.equals(baseCurrency) ? null : new CloseCursor(fx.getOrDefault(c, DailyCloses.empty()))));
                Holding h = new Holding(t.symbol(), new CloseCursor(closes.getOrDefault(t.symbol(), DailyCloses.empty())));
                holdings.put(t.symbol(), h);
                bookOfSymbol.put(t.symbol(), book);
                book.holdings.add(h);
            }
            this.books = List.copyOf(byCurrency.values());
        }

        void apply(Trade t) {
            Holding h = holdings.get(t.symbol());
            h.quantity = h.quantity.add(t.signedQuantity());
            CurrencyBook book = bookOfSymbol.get(t.symbol());
            book.cashIn = book.cashIn.add(t.cashIn());
        }

        ValuePoint pointOn(long day) {
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal invested = BigDecimal.ZERO;
            List<Symbol> carried = new ArrayList<>(0);
            List<Symbol> missing = new ArrayList<>(0);
            for (CurrencyBook book : books) {
                BigDecimal rate = FxPair.IDENTITY_RATE;
                if (book.rate != null && isInUse(book)) {
                    rate = book.rate.moveTo(day);
                    if (rate == null) {
                        missing.add(book.pair);
                        continue;
                    }
                    if (book.rate.isCarried(day)) {
                        carried.add(book.pair);
                    }
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (Holding h : book.holdings) {
                    if (h.quantity.signum() == 0) {
                        continue;
                    }
                    BigDecimal close = h.close.moveTo(day);
                    if (close == null) {
                        missing.add(h.symbol);
                    } else {
                        if (h.close.isCarried(day)) {
                            carried.add(h.symbol);
                        }
                        sum = sum.add(h.quantity.multiply(close));
                    }
                }
                value = value.add(sum.multiply(rate));
                invested = invested.add(book.cashIn.multiply(rate));
            }
            carried.sort(null);
            missing.sort(null);
            return new ValuePoint(LocalDate.ofEpochDay(day), Money.round(value, baseCurrency),
                    Money.round(invested, baseCurrency), carried, missing);
        }

        private static boolean isInUse(CurrencyBook book) {
            if (book.cashIn.signum() != 0) {
                return true;
            }
            for (Holding h : book.holdings) {
                if (h.quantity.signum() != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
