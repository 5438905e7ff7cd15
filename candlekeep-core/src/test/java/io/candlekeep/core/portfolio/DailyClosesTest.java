package io.candlekeep.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DailyClosesTest {

    private static final LocalDate JUL_3 = LocalDate.of(2024, 7, 3);
    private static final LocalDate JUL_5 = LocalDate.of(2024, 7, 5);

    /** Closes on 2024-07-03 and 2024-07-05, none on the holiday between. */
    private static DailyCloses aroundIndependenceDay() {
        return DailyCloses.of(new long[] {JUL_3.toEpochDay(), JUL_5.toEpochDay()}, new double[] {221.55, 226.34});
    }

    @Test
    void findCloseOnOrBefore_dayWithClose_isNotCarried() {
        assertThat(aroundIndependenceDay().findCloseOnOrBefore(JUL_3)).contains(new DailyClose(JUL_3, 221.55, false));
        assertThat(aroundIndependenceDay().findCloseOnOrBefore(JUL_5)).contains(new DailyClose(JUL_5, 226.34, false));
    }

    @Test
    void findCloseOnOrBefore_holidayOrAfterTheLastClose_isCarriedFromTheDayBefore() {
        assertThat(aroundIndependenceDay().findCloseOnOrBefore(LocalDate.of(2024, 7, 4)))
                .contains(new DailyClose(JUL_3, 221.55, true));
        assertThat(aroundIndependenceDay().findCloseOnOrBefore(LocalDate.of(2024, 8, 1)))
                .contains(new DailyClose(JUL_5, 226.34, true));
    }

    @Test
    void findCloseOnOrBefore_beforeTheFirstCloseOrEmpty_isEmpty() {
        assertThat(aroundIndependenceDay().findCloseOnOrBefore(LocalDate.of(2024, 7, 2))).isEmpty();
        assertThat(DailyCloses.empty().findCloseOnOrBefore(JUL_3)).isEmpty();
    }

    @Test
    void of_daysNotIncreasing_isRejectedQuotingThem() {
        assertThatThrownBy(() -> DailyCloses.of(new long[] {JUL_5.toEpochDay(), JUL_3.toEpochDay()}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DailyCloses days must increase: 2024-07-05 then 2024-07-03 at index 1");
        assertThatThrownBy(() -> DailyCloses.of(new long[] {JUL_3.toEpochDay(), JUL_3.toEpochDay()}, new double[] {1, 2}))
                .hasMessageContaining("2024-07-03 then 2024-07-03");
    }

    @Test
    void of_dayOutsideTheCalendar_isRejected() {
        assertThatThrownBy(() -> DailyCloses.of(new long[] {Long.MAX_VALUE}, new double[] {1}))
                .hasMessage("DailyCloses day at index 0 is outside the calendar: " + Long.MAX_VALUE);
    }

    @Test
    void of_lengthsDiffer_isRejected() {
        assertThatThrownBy(() -> DailyCloses.of(new long[] {1, 2, 3}, new double[] {1, 2}))
                .hasMessage("DailyCloses arrays differ in length: 3 days, 2 closes");
    }

    @Test
    void of_closeNotFiniteOrNotPositive_isRejectedQuotingIt() {
        assertThatThrownBy(() -> DailyCloses.of(new long[] {JUL_3.toEpochDay()}, new double[] {Double.NaN}))
                .hasMessage("DailyCloses close on 2024-07-03 must be finite and > 0, was NaN");
        assertThatThrownBy(() -> DailyCloses.of(new long[] {JUL_3.toEpochDay()}, new double[] {0}))
                .hasMessageContaining("was 0.0");
    }

    @Test
    void of_callerChangesItsArraysLater_closesStayAsTheyWere() {
        long[] days = {JUL_3.toEpochDay()};
        double[] closes = {100};
        DailyCloses c = DailyCloses.of(days, closes);

        closes[0] = 1;
        days[0] = 0;

        assertThat(c.close(0)).isEqualTo(100);
        assertThat(c.epochDay(0)).isEqualTo(JUL_3.toEpochDay());
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void ofDailyBars_sessionAlignedBars_areKeyedByTheirUtcDate() {
        BarSeries bars = BarSeries.of(List.of(
                Bar.of(Instant.parse("2024-07-03T13:30:00Z"), 220, 222, 219, 221.55, 1000, true),
                Bar.of(Instant.parse("2024-07-05T13:30:00Z"), 222, 227, 221, 226.34, 1000, false)));

        assertThat(DailyCloses.ofDailyBars(bars)).isEqualTo(aroundIndependenceDay());
    }
}
