package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.gaps.GapDetector;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

final class PeriodCalendarTest {

    private static Instant z(String text) {
        return Instant.parse(text);
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<Instant> daily(MarketCalendar calendar, String fromDate, String toDate) {
        return Arrays.stream(calendar.expectedStarts(Timeframe.D1, day(fromDate), day(toDate)))
                .mapToObj(Instant::ofEpochMilli).toList();
    }

    @Test
    void expectedStarts_monthlyOverALeapYear_isTheFirstOfEachMonth() {
        List<Instant> starts = daily(MarketCalendars.macro(Frequency.MONTHLY), "2023-12-15", "2025-01-01");

        assertThat(starts).hasSize(12).first().isEqualTo(day("2024-01-01"));
        assertThat(starts).contains(day("2024-02-01"), day("2024-03-01"), day("2024-12-01"));
        assertThat(starts).allMatch(s -> s.atZone(ZoneOffset.UTC).getDayOfMonth() == 1);
    }

    @Test
    void expectedStarts_quarterly_isEachQuarterStart() {
        assertThat(daily(MarketCalendars.macro(Frequency.QUARTERLY), "2023-11-15", "2025-01-01")).containsExactly(
                day("2024-01-01"), day("2024-04-01"), day("2024-07-01"), day("2024-10-01"));
    }

    @Test
    void expectedStarts_quarterStartItself_isIncludedAndTheEndExcluded() {
        assertThat(daily(MarketCalendars.macro(Frequency.QUARTERLY), "2024-04-01", "2024-10-01")).containsExactly(
                day("2024-04-01"), day("2024-07-01"));
    }

    @Test
    void expectedStarts_weeklyEndingFridayAcrossTheLeapDay_isEveryFriday() {
        // 2024-02-29 is a Thursday; the Fridays around it are a week apart as always
        assertThat(daily(MarketCalendars.macro(Frequency.WEEKLY_FRIDAY), "2024-02-19", "2024-03-11")).containsExactly(
                day("2024-02-23"), day("2024-03-01"), day("2024-03-08"));
    }

    @Test
    void expectedStarts_weeklyEndingSaturday_isEverySaturday() {
        assertThat(daily(MarketCalendars.macro(Frequency.WEEKLY_SATURDAY), "2024-01-01", "2024-01-22")).containsExactly(
                day("2024-01-06"), day("2024-01-13"), day("2024-01-20"));
    }

    @Test
    void expectedStarts_annualAndSemiannual_areJanuaryAndJuly() {
        assertThat(daily(MarketCalendars.macro(Frequency.ANNUAL), "2020-06-01", "2024-01-02")).containsExactly(
                day("2021-01-01"), day("2022-01-01"), day("2023-01-01"), day("2024-01-01"));
        assertThat(daily(MarketCalendars.macro(Frequency.SEMIANNUAL), "2023-06-01", "2024-12-31")).containsExactly(
                day("2023-07-01"), day("2024-01-01"), day("2024-07-01"));
    }

    @Test
    void expectedStarts_daily_isMondayToFriday() {
        assertThat(daily(MarketCalendars.macro(Frequency.DAILY), "2024-06-14", "2024-06-19")).containsExactly(
                day("2024-06-14"), day("2024-06-17"), day("2024-06-18"));
    }

    @ParameterizedTest(name = "{0}: {1} points in 2024")
    @CsvSource({"DAILY, 262", "WEEKLY_FRIDAY, 52", "WEEKLY_MONDAY, 53", "MONTHLY, 12", "QUARTERLY, 4", "SEMIANNUAL, 2",
            "ANNUAL, 1"})
    void expectedStarts_leapYear2024_countsOnePointPerPeriod(Frequency frequency, int count) {
        assertThat(MarketCalendars.macro(frequency).expectedStarts(Timeframe.D1, day("2024-01-01"), day("2025-01-01")))
                .hasSize(count);
    }

    @Test
    void dailyBar_monthly_startsOnTheFirstAndLastsOneDay() {
        MarketCalendar monthly = MarketCalendars.macro(Frequency.MONTHLY);

        assertThat(monthly.isAligned(Timeframe.D1, day("2024-02-01"))).isTrue();
        assertThat(monthly.isAligned(Timeframe.D1, day("2024-02-15"))).isFalse();
        assertThat(monthly.barEnd(Timeframe.D1, day("2024-02-01"))).isEqualTo(day("2024-02-02"));
        assertThat(monthly.barStartContaining(Timeframe.D1, z("2024-02-01T18:00:00Z"))).contains(day("2024-02-01"));
        assertThat(monthly.barStartContaining(Timeframe.D1, z("2024-02-15T18:00:00Z"))).isEmpty();
        assertThat(monthly.nextBarStart(Timeframe.D1, z("2024-02-01T00:00:01Z"))).isEqualTo(day("2024-03-01"));
        assertThat(monthly.isTradingDay(LocalDate.of(2024, 3, 1))).isTrue();
        assertThat(monthly.isTradingDay(LocalDate.of(2024, 3, 4))).isFalse();
        assertThat(monthly.session(LocalDate.of(2024, 3, 1))).map(MarketCalendar.Session::open).contains(day("2024-03-01"));
        assertThat(monthly.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void gaps_monthlySeriesMissingOneMonth_isOneGapOfOneBar() {
        MarketCalendar monthly = MarketCalendars.macro(Frequency.MONTHLY);
        long[] stored = {day("2024-01-01").toEpochMilli(), day("2024-02-01").toEpochMilli(),
                day("2024-04-01").toEpochMilli()};

        assertThat(GapDetector.gaps(Timeframe.D1, monthly, stored, day("2024-01-01"), day("2024-05-01")))
                .containsExactly(io.candlekeep.core.domain.TimeRange.of(day("2024-03-01"), day("2024-03-02")));
    }

    @ParameterizedTest(name = "{0} at {1}: due before {2}")
    @CsvSource({
            // December's CPI (dated 2024-12-01) is published in mid-January and due from February 1
            "MONTHLY, 2025-01-20T12:00:00Z, 2024-12-01",
            "MONTHLY, 2025-02-01T00:00:00Z, 2025-01-01",
            "MONTHLY, 2025-01-31T23:59:59Z, 2024-12-01",
            // Q3's GDP (dated 2024-07-01) is due from January 1
            "QUARTERLY, 2024-10-30T12:00:00Z, 2024-07-01",
            "WEEKLY_FRIDAY, 2024-06-19T12:00:00Z, 2024-06-14",
            "DAILY, 2024-06-24T09:00:00Z, 2024-06-17",
    })
    void dueBefore_now_isTheOldestObservationDateNotYetDue(Frequency frequency, Instant now, LocalDate expected) {
        assertThat(MarketCalendars.macro(frequency).dueBefore(now)).isEqualTo(expected.atStartOfDay(ZoneOffset.UTC)
                .toInstant());
    }

    @ParameterizedTest
    @EnumSource(Frequency.class)
    void macro_everyFrequency_isOneNamedSingleton(Frequency frequency) {
        PeriodCalendar calendar = MarketCalendars.macro(frequency);

        assertThat(calendar).isSameAs(MarketCalendars.macro(frequency));
        assertThat(calendar.frequency()).isEqualTo(frequency);
        assertThat(calendar.name()).isEqualTo("MACRO-" + frequency.code().toUpperCase(java.util.Locale.ROOT)
                .replace('_', '-'));
    }

    static Stream<Arguments> frequenciesAndTimeframes() {
        List<Arguments> args = new ArrayList<>();
        for (Frequency frequency : Frequency.values()) {
            for (Timeframe tf : Timeframe.values()) {
                args.add(Arguments.of(frequency, tf));
            }
        }
        return args.stream();
    }

    /** The same agreement the market calendars' contract asks, over a span that holds every frequency's points. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("frequenciesAndTimeframes")
    void expectedStarts_eachStart_isConsistentWithTheOtherMethods(Frequency frequency, Timeframe tf) {
        MarketCalendar calendar = MarketCalendars.macro(frequency);
        Instant from = day("2023-11-20");
        Instant to = day("2025-02-10");
        long[] starts = calendar.expectedStarts(tf, from, to);
        assertThat(starts).isNotEmpty();
        for (int i = 0; i < starts.length; i++) {
            Instant start = Instant.ofEpochMilli(starts[i]);
            Instant end = calendar.barEnd(tf, start);
            assertThat(calendar.isAligned(tf, start)).as("aligned %s", start).isTrue();
            assertThat(end.toEpochMilli() - starts[i]).as("length of %s", start).isEqualTo(tf.millis());
            assertThat(calendar.barStartContaining(tf, start)).contains(start);
            assertThat(calendar.barStartContaining(tf, end.minusMillis(1))).contains(start);
            assertThat(calendar.nextBarStart(tf, start)).isEqualTo(start);
            if (i + 1 < starts.length) {
                Instant next = Instant.ofEpochMilli(starts[i + 1]);
                assertThat(next).isAfterOrEqualTo(end);
                assertThat(calendar.nextBarStart(tf, end)).isEqualTo(next);
            }
        }
        // every quarter hour between the points belongs to no bar
        int i = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(15 * 60)) {
            while (i + 1 < starts.length && starts[i + 1] <= t.toEpochMilli()) {
                i++;
            }
            Optional<Instant> expected = starts[i] <= t.toEpochMilli()
                    && t.isBefore(calendar.barEnd(tf, Instant.ofEpochMilli(starts[i])))
                    ? Optional.of(Instant.ofEpochMilli(starts[i])) : Optional.empty();
            assertThat(calendar.barStartContaining(tf, t)).as("containing %s", t).isEqualTo(expected);
        }
    }
}
