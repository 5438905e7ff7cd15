package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

final class FrequencyTest {

    @ParameterizedTest(name = "{0} on or after {1} -> {2}")
    @CsvSource({
            "MONTHLY, 2024-01-01, 2024-01-01",
            "MONTHLY, 2024-01-02, 2024-02-01",
            "MONTHLY, 2024-12-02, 2025-01-01",
            "MONTHLY, 2024-02-29, 2024-03-01",
            "QUARTERLY, 2024-01-01, 2024-01-01",
            "QUARTERLY, 2024-02-29, 2024-04-01",
            "QUARTERLY, 2024-10-01, 2024-10-01",
            "QUARTERLY, 2024-10-02, 2025-01-01",
            "SEMIANNUAL, 2024-01-02, 2024-07-01",
            "SEMIANNUAL, 2024-07-02, 2025-01-01",
            "ANNUAL, 2024-01-01, 2024-01-01",
            "ANNUAL, 2024-01-02, 2025-01-01",
            "WEEKLY_FRIDAY, 2024-06-14, 2024-06-14",
            "WEEKLY_FRIDAY, 2024-06-15, 2024-06-21",
            "WEEKLY_SATURDAY, 2024-06-14, 2024-06-15",
            "DAILY, 2024-06-14, 2024-06-14",
            "DAILY, 2024-06-15, 2024-06-17",
            "DAILY, 2024-06-16, 2024-06-17",
    })
    void observationOnOrAfter_date_isTheNextDateTheSeriesIsDatedOn(Frequency frequency, LocalDate date,
            LocalDate expected) {
        assertThat(frequency.observationOnOrAfter(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} dated {1} ends {2}")
    @CsvSource({
            "MONTHLY, 2024-02-01, 2024-03-01",
            "MONTHLY, 2023-02-01, 2023-03-01",
            "MONTHLY, 2024-12-01, 2025-01-01",
            "QUARTERLY, 2024-10-01, 2025-01-01",
            "SEMIANNUAL, 2024-07-01, 2025-01-01",
            "ANNUAL, 2024-01-01, 2025-01-01",
            // a weekly observation is dated on the last day of its week
            "WEEKLY_FRIDAY, 2024-03-01, 2024-03-02",
            "DAILY, 2024-02-29, 2024-03-01",
    })
    void periodEnd_observationDate_isTheDayAfterItsPeriod(Frequency frequency, LocalDate date, LocalDate expected) {
        assertThat(frequency.periodEnd(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} dated {1} is due on {2}")
    @CsvSource({
            // the period, then one more period for FRED to publish it
            "MONTHLY, 2024-12-01, 2025-02-01",
            "QUARTERLY, 2024-07-01, 2025-01-01",
            "SEMIANNUAL, 2024-01-01, 2025-01-01",
            "ANNUAL, 2023-01-01, 2025-01-01",
            // at least seven days after the period ends
            "WEEKLY_FRIDAY, 2024-06-07, 2024-06-15",
            "DAILY, 2024-06-14, 2024-06-22",
    })
    void dueOn_observationDate_isOnePeriodAfterItsPeriodEnds(Frequency frequency, LocalDate date, LocalDate expected) {
        assertThat(frequency.dueOn(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on {1}: first not due {2}")
    @CsvSource({
            "MONTHLY, 2025-01-20, 2024-12-01",
            "MONTHLY, 2025-01-31, 2024-12-01",
            "MONTHLY, 2025-02-01, 2025-01-01",
            "MONTHLY, 2024-04-30, 2024-03-01",
            "MONTHLY, 2024-03-31, 2024-02-01",
            "QUARTERLY, 2024-10-30, 2024-07-01",
            "QUARTERLY, 2025-01-01, 2024-10-01",
            "ANNUAL, 2025-01-20, 2024-01-01",
            "SEMIANNUAL, 2024-02-29, 2023-07-01",
            "WEEKLY_FRIDAY, 2024-06-19, 2024-06-14",
            "WEEKLY_FRIDAY, 2024-06-15, 2024-06-14",
            "DAILY, 2024-06-24, 2024-06-17",
    })
    void firstNotDue_today_isTheOldestObservationNotYetDue(Frequency frequency, LocalDate today, LocalDate expected) {
        LocalDate first = frequency.firstNotDue(today);

        assertThat(first).isEqualTo(expected);
        assertThat(frequency.dueOn(first)).isAfter(today);
        LocalDate before = previousObservation(frequency, first);
        assertThat(frequency.dueOn(before)).as("due of %s", before).isBeforeOrEqualTo(today);
    }

    @ParameterizedTest
    @EnumSource(Frequency.class)
    void of_code_isTheFrequency(Frequency frequency) {
        assertThat(Frequency.of(frequency.code())).isSameAs(frequency);
        assertThat(frequency.toString()).isEqualTo(frequency.code());
    }

    @Test
    void of_unknownCode_failsNamingIt() {
        assertThatThrownBy(() -> Frequency.of("fortnightly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fortnightly'").hasMessageContaining("monthly");
    }

    @Test
    void weekly_dayOfWeek_isTheFrequencyEndingThatDay() {
        for (DayOfWeek day : DayOfWeek.values()) {
            Frequency weekly = Frequency.weekly(day);
            assertThat(weekly.weekEnding()).contains(day);
            assertThat(weekly.code()).isEqualTo("weekly_" + day.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(Frequency.MONTHLY.weekEnding()).isEmpty();
    }

    private static LocalDate previousObservation(Frequency frequency, LocalDate observation) {
        LocalDate d = observation.minusDays(1);
        while (!frequency.observationOnOrAfter(d).isBefore(observation)) {
            d = d.minusDays(1);
        }
        return frequency.observationOnOrAfter(d);
    }
}
