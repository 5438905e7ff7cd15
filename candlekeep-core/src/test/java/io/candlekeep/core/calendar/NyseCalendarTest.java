package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.calendar.MarketCalendar.Session;
import io.candlekeep.core.domain.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class NyseCalendarTest {

    private final NyseCalendar nyse = MarketCalendars.nyse();

    private static Instant z(String text) {
        return Instant.parse(text);
    }

    private static List<Instant> instants(long[] millis) {
        return Arrays.stream(millis).mapToObj(Instant::ofEpochMilli).toList();
    }

    // Published NYSE holiday lists (nyse.com/markets/hours-calendars); 2025-01-09 is the national day of mourning
    // for President Carter, an unscheduled closure.
    @Test
    void holidays_2024_matchPublishedList() {
        assertThat(nyse.holidays(2024)).containsExactly(
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 19),
                LocalDate.of(2024, 3, 29), LocalDate.of(2024, 5, 27), LocalDate.of(2024, 6, 19),
                LocalDate.of(2024, 7, 4), LocalDate.of(2024, 9, 2), LocalDate.of(2024, 11, 28),
                LocalDate.of(2024, 12, 25));
    }

    @Test
    void holidays_2025_matchPublishedListIncludingDayOfMourning() {
        assertThat(nyse.holidays(2025)).containsExactly(
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 9), LocalDate.of(2025, 1, 20),
                LocalDate.of(2025, 2, 17), LocalDate.of(2025, 4, 18), LocalDate.of(2025, 5, 26),
                LocalDate.of(2025, 6, 19), LocalDate.of(2025, 7, 4), LocalDate.of(2025, 9, 1),
                LocalDate.of(2025, 11, 27), LocalDate.of(2025, 12, 25));
    }

    @Test
    void holidays_2026_observesIndependenceDayOnFriday() {
        assertThat(nyse.holidays(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 4, 3), LocalDate.of(2026, 5, 25), LocalDate.of(2026, 6, 19),
                LocalDate.of(2026, 7, 3), LocalDate.of(2026, 9, 7), LocalDate.of(2026, 11, 26),
                LocalDate.of(2026, 12, 25));
    }

    @Test
    void holidays_2022_newYearOnSaturdayIsNotObserved() {
        assertThat(nyse.holidays(2022)).containsExactly(
                LocalDate.of(2022, 1, 17), LocalDate.of(2022, 2, 21), LocalDate.of(2022, 4, 15),
                LocalDate.of(2022, 5, 30), LocalDate.of(2022, 6, 20), LocalDate.of(2022, 7, 4),
                LocalDate.of(2022, 9, 5), LocalDate.of(2022, 11, 24), LocalDate.of(2022, 12, 26));
    }

    @ParameterizedTest(name = "{0} closed: {1}")
    @CsvSource({
            "2020-04-10, Good Friday",
            "2000-04-21, Good Friday (Easter 2000-04-23)",
            "2008-03-21, Good Friday (Easter 2008-03-23)",
            "2011-04-22, Good Friday (Easter 2011-04-24)",
            "2016-03-25, Good Friday (Easter 2016-03-27)",
            "2019-04-19, Good Friday (Easter 2019-04-21)",
            "2038-04-23, Good Friday (Easter 2038-04-25)",
            "2022-06-20, Juneteenth on Sunday observed Monday",
            "2023-06-19, Juneteenth",
            "2027-06-18, Juneteenth on Saturday observed Friday",
            "2027-12-24, Christmas on Saturday observed Friday",
            "2021-12-24, Christmas on Saturday observed Friday",
            "2022-12-26, Christmas on Sunday observed Monday",
            "2016-12-26, Christmas on Sunday observed Monday",
            "2026-07-03, Independence Day on Saturday observed Friday",
            "2015-07-03, Independence Day on Saturday observed Friday",
            "2021-07-05, Independence Day on Sunday observed Monday",
            "2023-01-02, New Year's Day on Sunday observed Monday",
            "2017-01-02, New Year's Day on Sunday observed Monday",
            "2024-01-15, Martin Luther King Jr. Day",
            "2027-01-18, Martin Luther King Jr. Day",
            "2024-02-19, Washington's Birthday",
            "2030-02-18, Washington's Birthday",
            "2024-05-27, Memorial Day",
            "2027-05-31, Memorial Day",
            "2024-09-02, Labor Day",
            "2026-09-07, Labor Day",
            "2024-11-28, Thanksgiving",
            "2030-11-28, Thanksgiving",
            "2012-10-29, Hurricane Sandy",
            "2018-12-05, day of mourning for President George H. W. Bush",
    })
    void isTradingDay_holiday_isClosed(LocalDate date, String reason) {
        assertThat(nyse.isTradingDay(date)).as(reason).isFalse();
        assertThat(nyse.session(date)).as(reason).isEmpty();
    }

    @ParameterizedTest(name = "{0} open: {1}")
    @CsvSource({
            "2021-12-31, New Year's Day 2022 on Saturday is not observed on Friday",
            "2010-12-31, New Year's Day 2011 on Saturday is not observed on Friday",
            "2021-06-18, Juneteenth was no NYSE holiday before 2022",
            "2020-06-19, Juneteenth was no NYSE holiday before 2022",
            "2026-07-02, the day before an observed Independence Day",
            "2027-12-23, the day before an observed Christmas",
            "2022-12-30, the Friday before New Year's Day observed on Monday",
            "2024-03-28, the day before Good Friday",
            "2025-01-10, the day after the day of mourning",
    })
    void isTradingDay_ordinaryWeekday_isOpenAllDay(LocalDate date, String reason) {
        assertThat(nyse.isTradingDay(date)).as(reason).isTrue();
        assertThat(nyse.session(date)).as(reason).hasValueSatisfying(s -> assertThat(s.earlyClose()).isFalse());
    }

    @ParameterizedTest(name = "{0} closes at 13:00: {1}")
    @CsvSource({
            "2024-07-03, day before Independence Day",
            "2025-07-03, day before Independence Day",
            "2023-07-03, day before Independence Day (a Monday)",
            "2019-07-03, day before Independence Day",
            "2024-11-29, day after Thanksgiving",
            "2025-11-28, day after Thanksgiving",
            "2026-11-27, day after Thanksgiving",
            "2024-12-24, Christmas Eve",
            "2025-12-24, Christmas Eve",
            "2026-12-24, Christmas Eve (a Thursday)",
            "2018-12-24, Christmas Eve (a Monday)",
    })
    void session_earlyCloseDay_closesAt1300NewYork(LocalDate date, String reason) {
        Session session = nyse.session(date).orElseThrow();
        assertThat(session.earlyClose()).as(reason).isTrue();
        assertThat(session.close().atZone(nyse.zone()).toLocalTime()).hasToString("13:00");
        assertThat(session.open().atZone(nyse.zone()).toLocalTime()).hasToString("09:30");
        assertThat(nyse.earlyCloses(date.getYear())).contains(date);
    }

    @Test
    void earlyCloses_2024_areJuly3DayAfterThanksgivingAndChristmasEve() {
        assertThat(nyse.earlyCloses(2024)).containsExactly(
                LocalDate.of(2024, 7, 3), LocalDate.of(2024, 11, 29), LocalDate.of(2024, 12, 24));
    }

    @Test
    void earlyCloses_2027_noneOnTheDaysBeforeObservedHolidays() {
        // 2027: July 4 is a Sunday (July 3 a Saturday), Christmas a Saturday observed Friday Dec 24.
        assertThat(nyse.earlyCloses(2027)).containsExactly(LocalDate.of(2027, 11, 26));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-07-06", "2024-07-07", "2025-03-15", "2025-03-16"})
    void isTradingDay_weekend_isClosed(LocalDate date) {
        assertThat(nyse.isTradingDay(date)).isFalse();
    }

    @ParameterizedTest(name = "{0}: open {1}, close {2}")
    @CsvSource({
            "2024-03-08, 2024-03-08T14:30:00Z, 2024-03-08T21:00:00Z",
            "2024-03-11, 2024-03-11T13:30:00Z, 2024-03-11T20:00:00Z",
            "2024-11-01, 2024-11-01T13:30:00Z, 2024-11-01T20:00:00Z",
            "2024-11-04, 2024-11-04T14:30:00Z, 2024-11-04T21:00:00Z",
            "2024-11-29, 2024-11-29T14:30:00Z, 2024-11-29T18:00:00Z",
            "2024-07-03, 2024-07-03T13:30:00Z, 2024-07-03T17:00:00Z",
    })
    void session_aroundDstTransitions_followsNewYorkTime(LocalDate date, Instant open, Instant close) {
        Session session = nyse.session(date).orElseThrow();
        assertThat(session.date()).isEqualTo(date);
        assertThat(session.open()).isEqualTo(open);
        assertThat(session.close()).isEqualTo(close);
    }

    @Test
    void expectedStarts_1hOnNormalDay_sessionAlignedWithShortLastBar() {
        long[] starts = nyse.expectedStarts(Timeframe.H1, z("2024-06-12T00:00:00Z"), z("2024-06-13T00:00:00Z"));
        assertThat(instants(starts)).containsExactly(z("2024-06-12T13:30:00Z"), z("2024-06-12T14:30:00Z"),
                z("2024-06-12T15:30:00Z"), z("2024-06-12T16:30:00Z"), z("2024-06-12T17:30:00Z"),
                z("2024-06-12T18:30:00Z"), z("2024-06-12T19:30:00Z"));
        assertThat(nyse.barEnd(Timeframe.H1, z("2024-06-12T18:30:00Z"))).isEqualTo(z("2024-06-12T19:30:00Z"));
        assertThat(nyse.barEnd(Timeframe.H1, z("2024-06-12T19:30:00Z"))).isEqualTo(z("2024-06-12T20:00:00Z"));
    }

    @Test
    void expectedStarts_4hOnNormalDay_opensAt0930And1330() {
        long[] starts = nyse.expectedStarts(Timeframe.H4, z("2024-06-12T00:00:00Z"), z("2024-06-13T00:00:00Z"));
        assertThat(instants(starts)).containsExactly(z("2024-06-12T13:30:00Z"), z("2024-06-12T17:30:00Z"));
        assertThat(nyse.barEnd(Timeframe.H4, z("2024-06-12T13:30:00Z"))).isEqualTo(z("2024-06-12T17:30:00Z"));
        assertThat(nyse.barEnd(Timeframe.H4, z("2024-06-12T17:30:00Z"))).isEqualTo(z("2024-06-12T20:00:00Z"));
    }

    @Test
    void expectedStarts_15mOnNormalDay_is26Bars() {
        long[] starts = nyse.expectedStarts(Timeframe.M15, z("2024-06-12T00:00:00Z"), z("2024-06-13T00:00:00Z"));
        assertThat(starts).hasSize(26);
        assertThat(Instant.ofEpochMilli(starts[25])).isEqualTo(z("2024-06-12T19:45:00Z"));
    }

    @Test
    void expectedStarts_1hOnEarlyCloseDay_endsAt1230NewYork() {
        // 2024-11-29 is in EST: 09:30 New York = 14:30Z, the 13:00 close = 18:00Z.
        long[] starts = nyse.expectedStarts(Timeframe.H1, z("2024-11-29T00:00:00Z"), z("2024-11-30T00:00:00Z"));
        assertThat(instants(starts)).containsExactly(z("2024-11-29T14:30:00Z"), z("2024-11-29T15:30:00Z"),
                z("2024-11-29T16:30:00Z"), z("2024-11-29T17:30:00Z"));
        assertThat(nyse.barEnd(Timeframe.H1, z("2024-11-29T17:30:00Z"))).isEqualTo(z("2024-11-29T18:00:00Z"));
    }

    @Test
    void expectedStarts_4hOnEarlyCloseDay_isOneBarEndingAtClose() {
        long[] starts = nyse.expectedStarts(Timeframe.H4, z("2024-11-29T00:00:00Z"), z("2024-11-30T00:00:00Z"));
        assertThat(instants(starts)).containsExactly(z("2024-11-29T14:30:00Z"));
        assertThat(nyse.barEnd(Timeframe.H4, z("2024-11-29T14:30:00Z"))).isEqualTo(z("2024-11-29T18:00:00Z"));
        assertThat(nyse.barEnd(Timeframe.D1, z("2024-11-29T14:30:00Z"))).isEqualTo(z("2024-11-29T18:00:00Z"));
    }

    @Test
    void expectedStarts_rangeInsideSession_isHalfOpen() {
        long[] starts = nyse.expectedStarts(Timeframe.H1, z("2024-06-12T14:00:00Z"), z("2024-06-12T17:30:00Z"));
        assertThat(instants(starts)).containsExactly(z("2024-06-12T14:30:00Z"), z("2024-06-12T15:30:00Z"),
                z("2024-06-12T16:30:00Z"));
    }

    @Test
    void expectedStarts_emptyOrInvertedRange_isEmpty() {
        assertThat(nyse.expectedStarts(Timeframe.H1, z("2024-06-12T14:30:00Z"), z("2024-06-12T14:30:00Z"))).isEmpty();
        assertThat(nyse.expectedStarts(Timeframe.H1, z("2024-06-15T00:00:00Z"), z("2024-06-17T00:00:00Z"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} trading days")
    @CsvSource({"2020, 253", "2021, 252", "2022, 251", "2023, 250", "2024, 252", "2025, 250"})
    void expectedStarts_1dOverCalendarYear_countsTradingDays(int year, int tradingDays) {
        long[] starts = nyse.expectedStarts(Timeframe.D1, LocalDate.of(year, 1, 1).atStartOfDay(nyse.zone()).toInstant(),
                LocalDate.of(year + 1, 1, 1).atStartOfDay(nyse.zone()).toInstant());
        assertThat(starts).hasSize(tradingDays);
        for (long start : starts) {
            LocalDate date = Instant.ofEpochMilli(start).atZone(nyse.zone()).toLocalDate();
            assertThat(nyse.session(date).orElseThrow().open().toEpochMilli()).isEqualTo(start);
        }
    }

    @Test
    void expectedStarts_1dAcrossDst_startsAtLocalOpen() {
        long[] starts = nyse.expectedStarts(Timeframe.D1, z("2024-03-07T00:00:00Z"), z("2024-03-13T00:00:00Z"));
        assertThat(instants(starts)).containsExactly(z("2024-03-07T14:30:00Z"), z("2024-03-08T14:30:00Z"),
                z("2024-03-11T13:30:00Z"), z("2024-03-12T13:30:00Z"));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "1h, 2024-06-12T13:30:00Z, true",
            "4h, 2024-06-12T13:30:00Z, true",
            "1d, 2024-06-12T13:30:00Z, true",
            "15m, 2024-06-12T14:00:00Z, true",
            "1h, 2024-06-12T14:00:00Z, false",
            "4h, 2024-06-12T14:30:00Z, false",
            "4h, 2024-06-12T17:30:00Z, true",
            "1d, 2024-06-12T14:30:00Z, false",
            "1h, 2024-06-12T20:00:00Z, false",
            "15m, 2024-06-12T13:15:00Z, false",
            "1h, 2024-06-15T13:30:00Z, false",
            "1d, 2024-07-04T13:30:00Z, false",
            "1h, 2024-11-29T17:30:00Z, true",
            "1h, 2024-11-29T18:30:00Z, false",
    })
    void isAligned_variousStarts(String timeframe, Instant start, boolean aligned) {
        assertThat(nyse.isAligned(Timeframe.of(timeframe), start)).isEqualTo(aligned);
    }

    @Test
    void barEnd_misalignedStart_throwsQuotingIt() {
        assertThatThrownBy(() -> nyse.barEnd(Timeframe.H1, z("2024-06-12T14:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-06-12T14:00:00Z")
                .hasMessageContaining("1h");
    }

    @ParameterizedTest(name = "{0} containing {1} -> {2}")
    @CsvSource({
            "1h, 2024-06-12T19:59:59Z, 2024-06-12T19:30:00Z",
            "4h, 2024-06-12T19:59:59Z, 2024-06-12T17:30:00Z",
            "1d, 2024-06-12T19:59:59Z, 2024-06-12T13:30:00Z",
            "15m, 2024-06-12T13:44:59.999Z, 2024-06-12T13:30:00Z",
            "1h, 2024-06-12T13:30:00Z, 2024-06-12T13:30:00Z",
            "4h, 2024-11-29T17:59:00Z, 2024-11-29T14:30:00Z",
    })
    void barStartContaining_insideSession_floorsToSessionGrid(String timeframe, Instant t, Instant expected) {
        assertThat(nyse.barStartContaining(Timeframe.of(timeframe), t)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-06-12T20:00:00Z", "2024-06-12T13:29:59Z", "2024-06-15T15:00:00Z",
            "2024-07-04T15:00:00Z", "2024-11-29T18:00:00Z"})
    void barStartContaining_outsideSession_isEmpty(Instant t) {
        for (Timeframe tf : Timeframe.values()) {
            assertThat(nyse.barStartContaining(tf, t)).as(tf.code()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
            "1h, 2024-06-12T13:31:00Z, 2024-06-12T14:30:00Z",
            "1h, 2024-06-12T14:30:00Z, 2024-06-12T14:30:00Z",
            "1d, 2024-06-12T13:31:00Z, 2024-06-13T13:30:00Z",
            "1h, 2024-06-14T19:30:01Z, 2024-06-17T13:30:00Z",
            "4h, 2024-06-14T20:00:00Z, 2024-06-17T13:30:00Z",
            "1h, 2024-07-03T17:00:00Z, 2024-07-05T13:30:00Z",
            "15m, 2024-12-31T21:00:00Z, 2025-01-02T14:30:00Z",
            "1d, 2025-01-08T15:00:00Z, 2025-01-10T14:30:00Z",
            "1h, 2024-03-09T00:00:00Z, 2024-03-11T13:30:00Z",
    })
    void nextBarStart_searchesForwardAcrossClosures(String timeframe, Instant t, Instant expected) {
        assertThat(nyse.nextBarStart(Timeframe.of(timeframe), t)).isEqualTo(expected);
    }

    @Test
    void nameAndZone_areNyseNewYork() {
        assertThat(nyse.name()).isEqualTo("NYSE");
        assertThat(nyse.zone().getId()).isEqualTo("America/New_York");
    }

    // Yahoo's daily bars start at the session open; a recorded year must match the calendar exactly.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json, 2020-01-01T00:00:00Z, 2021-01-04T00:00:00Z",
            "chart_MSFT_1d_2021-02-01_2022-01-31_div.json, 2021-02-01T00:00:00Z, 2022-01-31T00:00:00Z",
    })
    void expectedStarts_1d_matchesRecordedYahooDailyBars(String file, Instant startInclusive, Instant endExclusive)
            throws IOException {
        String dir = System.getProperty("candlekeep.fixtures");
        Path path = dir == null ? null : Path.of(dir, "yahoo", file);
        Assumptions.assumeTrue(path != null && Files.isRegularFile(path),
                "fixture " + file + " not found under candlekeep.fixtures=" + dir + "; skipping");
        Matcher m = Pattern.compile("\"timestamp\":\\[([0-9,]+)]").matcher(Files.readString(path));
        assertThat(m.find()).isTrue();
        long[] recorded = Stream.of(m.group(1).split(",")).mapToLong(s -> Long.parseLong(s) * 1000).toArray();

        assertThat(nyse.expectedStarts(Timeframe.D1, startInclusive, endExclusive)).containsExactly(recorded);
    }
}
