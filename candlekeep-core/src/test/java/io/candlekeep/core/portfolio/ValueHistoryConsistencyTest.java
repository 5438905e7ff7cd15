package io.candlekeep.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental history against a naive one that replays every trade for every day, on random trades in
 * three currencies with gaps in the closes and rates. Correctness only; speed is measured elsewhere.
 */
final class ValueHistoryConsistencyTest {

    private static final LocalDate FROM = LocalDate.of(2022, 3, 1);
    private static final LocalDate TO = LocalDate.of(2022, 12, 31);
    private static final String BASE = "EUR";
    private static final Map<String, String> CURRENCY_OF = Map.of(
            "AAPL", "USD", "MSFT", "USD", "BTC-USD", "USD", "SAP.DE", "EUR", "7203.T", "JPY", "NOCLOSE", "USD");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void compute_randomPortfolio_matchesNaiveReplayPerDay(boolean includeWeekends) {
        Random random = new Random(42);
        List<Trade> trades = randomTrades(random, 150);
        Map<Symbol, DailyCloses> closes = new HashMap<>();
        for (String s : CURRENCY_OF.keySet()) {
            if (!s.equals("NOCLOSE")) {
                closes.put(Symbol.of(s), randomCloses(random, s.equals("MSFT") ? LocalDate.of(2022, 6, 1) : FROM.minusYears(1)));
            }
        }
        Map<String, DailyCloses> fx = Map.of(
                "USD", randomCloses(random, FROM.minusYears(1)),
                "JPY", randomCloses(random, LocalDate.of(2022, 9, 1)));

        List<ValuePoint> actual = ValueHistory.compute(trades, FROM, TO, closes, fx, BASE, includeWeekends);

        List<ValuePoint> expected = naive(trades, closes, fx, includeWeekends);
        assertThat(actual).isEqualTo(expected);
        // the data exercises carrying and missing rates, not just the plain path
        assertThat(actual).anyMatch(p -> !p.carried().isEmpty());
        assertThat(actual).anyMatch(p -> p.missing().contains(Symbol.of("JPYEUR=X")));
    }

    private static List<Trade> randomTrades(Random random, int n) {
        List<String> symbols = new ArrayList<>(new TreeSet<>(CURRENCY_OF.keySet()));
        long first = Instant.parse("2021-09-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("2023-02-01T00:00:00Z").getEpochSecond();
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = symbols.get(random.nextInt(symbols.size()));
            trades.add(new Trade(i + 1, Symbol.of(s), random.nextInt(3) == 0 ? TradeSide.SELL : TradeSide.BUY,
                    BigDecimal.valueOf(1 + random.nextInt(500), random.nextInt(3)),
                    BigDecimal.valueOf(100 + random.nextInt(100_000), 2), BigDecimal.valueOf(random.nextInt(1000), 2),
                    CURRENCY_OF.get(s), Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)))));
        }
        return trades;
    }

    /** Weekday closes from {@code start} past the range's end, with about one day in twenty missing. */
    private static DailyCloses randomCloses(Random random, LocalDate start) {
        List<Long> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(TO.plusDays(5)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5 && random.nextInt(20) != 0) {
                days.add(d.toEpochDay());
            }
        }
        long[] epochDays = days.stream().mapToLong(Long::longValue).toArray();
        double[] values = new double[epochDays.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round((0.5 + random.nextDouble() * 200) * 10_000) / 10_000.0;
        }
        return DailyCloses.of(epochDays, values);
    }

    private static List<ValuePoint> naive(List<Trade> trades, Map<Symbol, DailyCloses> closes,
            Map<String, DailyCloses> fx, boolean includeWeekends) {
        List<ValuePoint> points = new ArrayList<>();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            if (!includeWeekends && (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY)) {
                continue;
            }
            Map<Symbol, BigDecimal> quantity = new TreeMap<>();
            Map<String, BigDecimal> cash = new TreeMap<>();
            for (Trade t : trades) {
                if (!t.date().isAfter(d)) {
                    quantity.merge(t.symbol(), t.signedQuantity(), BigDecimal::add);
                    cash.merge(t.currency(), t.cashIn(), BigDecimal::add);
                }
            }
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal invested = BigDecimal.ZERO;
            TreeSet<Symbol> carried = new TreeSet<>();
            TreeSet<Symbol> missing = new TreeSet<>();
            for (Map.Entry<String, BigDecimal> c : cash.entrySet()) {
                List<Symbol> held = quantity.entrySet().stream()
                        .filter(q -> q.getValue().signum() != 0 && CURRENCY_OF.get(q.getKey().value()).equals(c.getKey()))
                        .map(Map.Entry::getKey).toList();
                if (held.isEmpty() && c.getValue().signum() == 0) {
                    continue;
                }
                BigDecimal rate = BigDecimal.ONE;
                if (!c.getKey().equals(BASE)) {
                    Symbol pair = FxPair.symbol(c.getKey(), BASE).orElseThrow();
                    Optional<DailyClose> r = fx.getOrDefault(c.getKey(), DailyCloses.empty()).findCloseOnOrBefore(d);
                    if (r.isEmpty()) {
                        missing.add(pair);
                        continue;
                    }
                    if (r.get().carried()) {
                        carried.add(pair);
                    }
                    rate = BigDecimal.valueOf(r.get().close());
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (Symbol s : held) {
                    Optional<DailyClose> close = closes.getOrDefault(s, DailyCloses.empty()).findCloseOnOrBefore(d);
                    if (close.isEmpty()) {
                        missing.add(s);
                    } else {
                        if (close.get().carried()) {
                            carried.add(s);
                        }
                        sum = sum.add(quantity.get(s).multiply(BigDecimal.valueOf(close.get().close())));
                    }
                }
                value = value.add(sum.multiply(rate));
                invested = invested.add(c.getValue().multiply(rate));
            }
            points.add(new ValuePoint(d, Money.round(value, BASE), Money.round(invested, BASE), List.copyOf(carried),
                    List.copyOf(missing)));
        }
        return points;
    }
}
