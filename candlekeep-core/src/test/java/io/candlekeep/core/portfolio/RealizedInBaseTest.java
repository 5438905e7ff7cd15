package io.candlekeep.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RealizedInBaseTest {

    private static Realization realized(String currency, String date, String amount) {
        return new Realization(Symbol.of("X"), currency, LocalDate.parse(date), new BigDecimal(amount));
    }

    /** USD in EUR: 0.90 on Friday 2024-01-05, 0.80 on Monday 2024-01-08. */
    private static final DailyCloses USD_IN_EUR = DailyCloses.of(
            new long[] {LocalDate.parse("2024-01-05").toEpochDay(), LocalDate.parse("2024-01-08").toEpochDay()},
            new double[] {0.90, 0.80});

    @Test
    void of_gainsInTheBaseCurrency_areSummedAsTheyAre() {
        RealizedInBase r = RealizedInBase.of(List.of(realized("EUR", "2024-01-05", "10"),
                realized("EUR", "2024-01-08", "-2.5")), "EUR", Map.of());

        assertThat(r.amount()).isEqualByComparingTo("7.5");
        assertThat(r.unconverted()).isEmpty();
    }

    @Test
    void of_gainsInAnotherCurrency_areConvertedAtTheCloseOfTheirDay() {
        RealizedInBase r = RealizedInBase.of(List.of(realized("USD", "2024-01-05", "100"),
                realized("USD", "2024-01-08", "100")), "EUR", Map.of("USD", USD_IN_EUR));

        assertThat(r.amount()).isEqualByComparingTo("170");
    }

    @Test
    void of_saleOnAWeekend_usesTheLastCloseBeforeIt() {
        RealizedInBase r = RealizedInBase.of(List.of(realized("USD", "2024-01-07", "100")), "EUR",
                Map.of("USD", USD_IN_EUR));

        assertThat(r.amount()).isEqualByComparingTo("90");
    }

    @Test
    void of_saleBeforeTheFirstFxClose_isLeftOutAndItsCurrencyNamed() {
        RealizedInBase r = RealizedInBase.of(List.of(realized("USD", "2024-01-04", "100"),
                realized("EUR", "2024-01-04", "5"), realized("GBP", "2024-01-08", "1")), "EUR",
                Map.of("USD", USD_IN_EUR));

        assertThat(r.amount()).isEqualByComparingTo("5");
        assertThat(r.unconverted()).containsExactlyInAnyOrder("GBP", "USD");
    }
}
