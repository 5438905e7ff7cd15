package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.calendar.MarketCalendar.Session;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exchanges outside the NYSE, each checked against its own published hours, holidays and early closes:
 * <ul>
 * <li>XLON: londonstockexchange.com, trading hours (continuous trading 08:00–16:30 London) and business days
 * (market holidays; 12:30 early closes on Christmas Eve and New Year's Eve, or the Friday before them).</li>
 * <li>XETR / XFRA: Deutsche Börse's Xetra trading calendar and boerse-frankfurt.de trading hours (Xetra 09:00–17:30,
 * Frankfurt 08:00–22:00; closed 24 and 31 December; the year's last trading day ends at 14:00).</li>
 * <li>XPAR / XAMS: euronext.com trading hours and holidays (09:00–17:30 CET; early close on 24 and 31 December,
 * continuous trading to 14:00 and the closing auction to 14:05).</li>
 * <li>XSWX: six-group.com trading hours and trading days (09:00–17:30 Zurich with the closing auction).</li>
 * <li>XTSE: tmx.com market hours and holidays (09:30–16:00 Toronto, 13:00 on Christmas Eve).</li>
 * <li>XTKS: jpx.co.jp trading hours (09:00–11:30 and 12:30–15:30 since 5 November 2024, 15:00 before) and market
 * holidays.</li>
 * <li>XHKG: hkex.com.hk trading hours (09:30–12:00 and 13:00–16:00) and holiday schedule (no afternoon session on
 * the eves of Christmas, New Year and Lunar New Year).</li>
 * <li>XASX: asx.com.au trading hours and calendar (10:00–16:00 Sydney; normal trading ends 14:00 on the last trading
 * days before Christmas and of the year).</li>
 * </ul>
 */
final class ExchangeCalendarTest {

    private static ExchangeCalendar calendar(String mic) {
        return (ExchangeCalendar) MarketCalendars.forExchange(mic).orElseThrow();
    }

    private static List<Instant> instants(long[] millis) {
        return Arrays.stream(millis).mapToObj(Instant::ofEpochMilli).toList();
    }

    private static List<LocalTime> localTimes(long[] millis, ZoneId zone) {
        return Arrays.stream(millis).mapToObj(m -> Instant.ofEpochMilli(m).atZone(zone).toLocalTime()).toList();
    }

    private static List<LocalTime> times(String spaceSeparated) {
        return Stream.of(spaceSeparated.trim().split(" +")).map(LocalTime::parse).toList();
    }

    private static List<LocalDate> dates(int year, String spaceSeparatedMonthDays) {
        return Stream.of(spaceSeparatedMonthDays.trim().split(" +"))
                .map(md -> LocalDate.parse(year + "-" + md)).toList();
    }

    @ParameterizedTest(name = "{0} {1}: open {2}, close {3}, break {4}-{5}")
    @CsvSource({
            "XLON, 2025-06-11, 2025-06-11T07:00:00Z, 2025-06-11T15:30:00Z, ,",
            "XETR, 2025-06-11, 2025-06-11T07:00:00Z, 2025-06-11T15:30:00Z, ,",
            "XFRA, 2025-06-11, 2025-06-11T06:00:00Z, 2025-06-11T20:00:00Z, ,",
            "XPAR, 2025-06-11, 2025-06-11T07:00:00Z, 2025-06-11T15:30:00Z, ,",
            "XAMS, 2025-06-11, 2025-06-11T07:00:00Z, 2025-06-11T15:30:00Z, ,",
            "XSWX, 2025-06-11, 2025-06-11T07:00:00Z, 2025-06-11T15:30:00Z, ,",
            "XTSE, 2025-06-11, 2025-06-11T13:30:00Z, 2025-06-11T20:00:00Z, ,",
            "XNAS, 2025-06-11, 2025-06-11T13:30:00Z, 2025-06-11T20:00:00Z, ,",
            "XTKS, 2025-06-11, 2025-06-11T00:00:00Z, 2025-06-11T06:30:00Z, 2025-06-11T02:30:00Z, 2025-06-11T03:30:00Z",
            "XHKG, 2025-06-11, 2025-06-11T01:30:00Z, 2025-06-11T08:00:00Z, 2025-06-11T04:00:00Z, 2025-06-11T05:00:00Z",
            "XASX, 2025-06-11, 2025-06-11T00:00:00Z, 2025-06-11T06:00:00Z, ,",
    })
    void session_normalDay_opensAndClosesAtThePublishedLocalTimes(String mic, LocalDate date, Instant open,
            Instant close, Instant breakStart, Instant breakEnd) {
        Session session = MarketCalendars.forExchange(mic).orElseThrow().session(date).orElseThrow();

        assertThat(session.date()).isEqualTo(date);
        assertThat(session.open()).isEqualTo(open);
        assertThat(session.close()).isEqualTo(close);
        assertThat(session.breakStart()).isEqualTo(breakStart);
        assertThat(session.breakEnd()).isEqualTo(breakEnd);
        assertThat(session.hasBreak()).isEqualTo(breakStart != null);
        assertThat(session.earlyClose()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}: 1h bars at {2}")
    @CsvSource({
            "XLON, 2025-06-11, 08:00 09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00",
            "XETR, 2025-06-11, 09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00 17:00",
            "XFRA, 2025-06-11, 08:00 09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00 17:00 18:00 19:00 20:00 21:00",
            "XPAR, 2025-06-11, 09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00 17:00",
            "XAMS, 2025-06-11, 09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00 17:00",
            "XSWX, 2025-06-11, 09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00 17:00",
            "XTSE, 2025-06-11, 09:30 10:30 11:30 12:30 13:30 14:30 15:30",
            "XTKS, 2025-06-11, 09:00 10:00 11:00 12:30 13:30 14:30",
            "XHKG, 2025-06-11, 09:30 10:30 11:30 13:00 14:00 15:00",
            "XASX, 2025-06-11, 10:00 11:00 12:00 13:00 14:00 15:00",
    })
    void expectedStarts_1hOnNormalDay_alignToTheOpenInTheExchangeZone(String mic, LocalDate date, String expected) {
        MarketCalendar calendar = MarketCalendars.forExchange(mic).orElseThrow();
        Instant from = date.atStartOfDay(calendar.zone()).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(calendar.zone()).toInstant();

        long[] starts = calendar.expectedStarts(Timeframe.H1, from, to);

        assertThat(localTimes(starts, calendar.zone())).containsExactlyElementsOf(times(expected));
        Session session = calendar.session(date).orElseThrow();
        assertThat(calendar.barEnd(Timeframe.H1, Instant.ofEpochMilli(starts[starts.length - 1])))
                .as("the last bar ends at the close").isEqualTo(session.close());
        assertThat(calendar.expectedStarts(Timeframe.D1, from, to)).containsExactly(session.open().toEpochMilli());
        assertThat(calendar.barEnd(Timeframe.D1, session.open())).isEqualTo(session.close());
    }

    @ParameterizedTest(name = "{0} {1} closed: {2}")
    @CsvSource({
            "XLON, 2025-08-25, Summer Bank Holiday",
            "XLON, 2023-05-08, Coronation of King Charles III (a one-off bank holiday)",
            "XLON, 2026-12-28, Boxing Day on Saturday observed Monday",
            "XETR, 2025-12-24, Christmas Eve",
            "XETR, 2025-12-31, New Year's Eve",
            "XETR, 2021-05-24, Whit Monday (Börse Frankfurt's trading calendar 2021)",
            "XETR, 2017-10-31, Reformation Day 500th anniversary (trading calendar 2017)",
            "XFRA, 2025-04-18, Good Friday",
            "XPAR, 2025-04-21, Easter Monday",
            "XAMS, 2025-05-01, Labour Day",
            "XSWX, 2025-01-02, Berchtold's Day",
            "XSWX, 2025-05-29, Ascension Day",
            "XSWX, 2025-12-24, Christmas Eve",
            "XTSE, 2025-08-04, Civic Holiday",
            "XTSE, 2025-10-13, Thanksgiving",
            "XTKS, 2025-01-03, New Year holidays",
            "XTKS, 2025-12-31, New Year's Eve",
            "XTKS, 2026-09-22, Citizens' Holiday between Respect for the Aged Day and the autumn equinox",
            "XHKG, 2025-01-29, Lunar New Year's Day",
            "XHKG, 2025-10-07, the day after Mid-Autumn Festival",
            "XHKG, 2026-04-07, the day after Ching Ming, which fell on Easter Sunday",
            "XHKG, 2020-10-02, the day after Mid-Autumn Festival, which fell on National Day",
            "XHKG, 2024-02-13, the fourth day of Lunar New Year, since the second fell on a Sunday",
            "XHKG, 2015-09-03, 70th anniversary of the victory of the War of Resistance (a one-off holiday)",
            "XASX, 2025-01-27, Australia Day on Sunday observed Monday",
            "XASX, 2025-06-09, King's Birthday",
            "XASX, 2022-09-22, National Day of Mourning for Queen Elizabeth II",
    })
    void isTradingDay_publishedHoliday_isClosed(String mic, LocalDate date, String reason) {
        MarketCalendar calendar = MarketCalendars.forExchange(mic).orElseThrow();

        assertThat(calendar.isTradingDay(date)).as(reason).isFalse();
        assertThat(calendar.session(date)).as(reason).isEmpty();
        Instant noon = date.atTime(12, 0).atZone(calendar.zone()).toInstant();
        assertThat(calendar.barStartContaining(Timeframe.H1, noon)).as(reason).isEmpty();
    }

    // The days on which the exchange trades although the holiday calendar its dates come from is closed.
    @ParameterizedTest(name = "{0} {1} open: {2}")
    @CsvSource({
            "XETR, 2025-06-09, Whit Monday (a German holiday, Xetra trades since 2022)",
            "XETR, 2025-10-03, Day of German Unity",
            "XPAR, 2025-05-08, Victory in Europe Day (a French holiday)",
            "XPAR, 2025-07-14, Bastille Day",
            "XAMS, 2025-05-05, Liberation Day (a Dutch holiday)",
            "XTSE, 2025-11-11, Remembrance Day (a Toronto bank holiday)",
            "XASX, 2025-08-04, the New South Wales Bank Holiday",
            "XASX, 2025-10-06, Labour Day in New South Wales",
            "XSWX, 2025-12-30, the last trading day of the year, a full day",
            "XTKS, 2025-12-30, the last trading day of the year, a full day",
    })
    void isTradingDay_sourceCalendarHolidayTheExchangeTrades_isOpenAllDay(String mic, LocalDate date, String reason) {
        MarketCalendar calendar = MarketCalendars.forExchange(mic).orElseThrow();

        assertThat(calendar.session(date)).as(reason).hasValueSatisfying(s -> assertThat(s.earlyClose()).isFalse());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "XLON, 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
            "XETR, 01-01 04-18 04-21 05-01 12-24 12-25 12-26 12-31",
            "XFRA, 01-01 04-18 04-21 05-01 12-24 12-25 12-26 12-31",
            "XPAR, 01-01 04-18 04-21 05-01 12-25 12-26",
            "XAMS, 01-01 04-18 04-21 05-01 12-25 12-26",
            "XSWX, 01-01 01-02 04-18 04-21 05-01 05-29 06-09 08-01 12-24 12-25 12-26 12-31",
            "XTSE, 01-01 02-17 04-18 05-19 07-01 08-04 09-01 10-13 12-25 12-26",
            "XTKS, 01-01 01-02 01-03 01-13 02-11 02-24 03-20 04-29 05-05 05-06 07-21 08-11 09-15 09-23 10-13 11-03 11-24 12-31",
            "XHKG, 01-01 01-29 01-30 01-31 04-04 04-18 04-21 05-01 05-05 07-01 10-01 10-07 10-29 12-25 12-26",
            "XASX, 01-01 01-27 04-18 04-21 04-25 06-09 12-25 12-26",
    })
    void holidays_2025_matchThePublishedList(String mic, String monthDays) {
        assertThat(calendar(mic).holidays(2025)).containsExactlyElementsOf(dates(2025, monthDays));
    }

    // HKEX's 2024 and 2026 lists: the lunar holidays move every year and follow Hong Kong's substitution rules.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024, 01-01 02-12 02-13 03-29 04-01 04-04 05-01 05-15 06-10 07-01 09-18 10-01 10-11 12-25 12-26",
            "2026, 01-01 02-17 02-18 02-19 04-03 04-06 04-07 05-01 05-25 06-19 07-01 10-01 10-19 12-25",
    })
    void holidays_hongKong_matchThePublishedLists(int year, String monthDays) {
        assertThat(calendar("XHKG").holidays(year)).containsExactlyElementsOf(dates(year, monthDays));
    }

    @Test
    void holidays_tokyo2026_matchThePublishedList() {
        assertThat(calendar("XTKS").holidays(2026)).containsExactlyElementsOf(dates(2026,
                "01-01 01-02 01-12 02-11 02-23 03-20 04-29 05-04 05-05 05-06 07-20 08-11 09-21 09-22 09-23 10-12 11-03"
                        + " 11-23 12-31"));
    }

    @ParameterizedTest(name = "{0} {1}: closes at {2}")
    @CsvSource({
            "XLON, 2025-12-24, 12:30",
            "XLON, 2025-12-31, 12:30",
            "XLON, 2022-12-23, 12:30",
            "XLON, 2022-12-30, 12:30",
            "XETR, 2025-12-30, 14:00",
            "XFRA, 2025-12-30, 14:00",
            "XPAR, 2025-12-24, 14:00",
            "XAMS, 2025-12-31, 14:00",
            "XTSE, 2025-12-24, 13:00",
            "XHKG, 2025-12-24, 12:00",
            "XHKG, 2025-12-31, 12:00",
            "XHKG, 2025-01-28, 12:00",
            "XASX, 2025-12-24, 14:00",
            "XASX, 2025-12-31, 14:00",
    })
    void session_earlyCloseDay_closesEarlyWithoutABreak(String mic, LocalDate date, LocalTime close) {
        ExchangeCalendar calendar = calendar(mic);
        Session session = calendar.session(date).orElseThrow();

        assertThat(session.earlyClose()).isTrue();
        assertThat(session.close().atZone(calendar.zone()).toLocalTime()).isEqualTo(close);
        assertThat(session.hasBreak()).isFalse();
        assertThat(calendar.earlyCloses(date.getYear())).contains(date);
        long[] hours = calendar.expectedStarts(Timeframe.H1, session.open(), session.close().plusSeconds(3600));
        assertThat(calendar.barEnd(Timeframe.H1, Instant.ofEpochMilli(hours[hours.length - 1])))
                .isEqualTo(session.close());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "XLON, 12-24 12-31",
            "XETR, 12-30",
            "XPAR, 12-24 12-31",
            "XTSE, 12-24",
            "XHKG, 01-28 12-24 12-31",
            "XASX, 12-24 12-31",
    })
    void earlyCloses_2025_matchThePublishedDays(String mic, String monthDays) {
        assertThat(calendar(mic).earlyCloses(2025)).containsExactlyElementsOf(dates(2025, monthDays));
    }

    @Test
    void earlyCloses_exchangesWithoutEarlyCloses_haveNone() {
        assertThat(calendar("XSWX").earlyCloses(2025)).isEmpty();
        assertThat(calendar("XTKS").earlyCloses(2025)).isEmpty();
    }

    @Test
    void session_hongKongHalfDay_isTheMorningSessionOnly() {
        MarketCalendar hk = MarketCalendars.forExchange("XHKG").orElseThrow();
        Session eve = hk.session(LocalDate.of(2025, 12, 24)).orElseThrow();

        assertThat(eve.open()).isEqualTo(Instant.parse("2025-12-24T01:30:00Z"));
        assertThat(eve.close()).isEqualTo(Instant.parse("2025-12-24T04:00:00Z"));
        assertThat(instants(hk.expectedStarts(Timeframe.H1, eve.open(), Instant.parse("2025-12-25T00:00:00Z"))))
                .containsExactly(Instant.parse("2025-12-24T01:30:00Z"), Instant.parse("2025-12-24T02:30:00Z"),
                        Instant.parse("2025-12-24T03:30:00Z"));
        assertThat(hk.barEnd(Timeframe.H1, Instant.parse("2025-12-24T03:30:00Z")))
                .isEqualTo(Instant.parse("2025-12-24T04:00:00Z"));
    }

    @Test
    void expectedStarts_hongKongLunchBreak_cutsTheMorningBarAndRealignsAfterLunch() {
        MarketCalendar hk = MarketCalendars.forExchange("XHKG").orElseThrow();

        // 11:30 Hong Kong is 03:30Z: cut at the 12:00 break; the afternoon opens at 13:00 (05:00Z)
        assertThat(hk.barEnd(Timeframe.H1, Instant.parse("2025-06-11T03:30:00Z")))
                .isEqualTo(Instant.parse("2025-06-11T04:00:00Z"));
        assertThat(hk.barStartContaining(Timeframe.H1, Instant.parse("2025-06-11T04:30:00Z"))).isEmpty();
        assertThat(hk.barStartContaining(Timeframe.D1, Instant.parse("2025-06-11T04:30:00Z")))
                .contains(Instant.parse("2025-06-11T01:30:00Z"));
        assertThat(hk.nextBarStart(Timeframe.H1, Instant.parse("2025-06-11T03:30:01Z")))
                .isEqualTo(Instant.parse("2025-06-11T05:00:00Z"));
        assertThat(instants(hk.expectedStarts(Timeframe.H4, Instant.parse("2025-06-11T00:00:00Z"),
                Instant.parse("2025-06-12T00:00:00Z"))))
                .containsExactly(Instant.parse("2025-06-11T01:30:00Z"), Instant.parse("2025-06-11T05:00:00Z"));
    }

    @Test
    void session_tokyoBeforeNovember2024_closedAt1500() {
        // JPX extended the afternoon session to 15:30 from 5 November 2024 (arrowhead 4.0)
        MarketCalendar tokyo = MarketCalendars.forExchange("XTKS").orElseThrow();
        Session before = tokyo.session(LocalDate.of(2024, 11, 1)).orElseThrow();
        Session after = tokyo.session(LocalDate.of(2024, 11, 5)).orElseThrow();

        assertThat(before.close()).isEqualTo(Instant.parse("2024-11-01T06:00:00Z"));
        assertThat(after.close()).isEqualTo(Instant.parse("2024-11-05T06:30:00Z"));
        assertThat(tokyo.barEnd(Timeframe.H1, Instant.parse("2024-11-01T05:30:00Z")))
                .isEqualTo(Instant.parse("2024-11-01T06:00:00Z"));
        assertThat(tokyo.barEnd(Timeframe.H1, Instant.parse("2024-11-05T05:30:00Z")))
                .isEqualTo(Instant.parse("2024-11-05T06:30:00Z"));
    }

    @ParameterizedTest(name = "{0}: {1} opens {2}, {3} opens {4}")
    @CsvSource({
            // Europe's clocks went forward on Sunday 30 March 2025 and back on Sunday 26 October 2025
            "XLON, 2025-03-28, 2025-03-28T08:00:00Z, 2025-03-31, 2025-03-31T07:00:00Z",
            "XLON, 2025-10-24, 2025-10-24T07:00:00Z, 2025-10-27, 2025-10-27T08:00:00Z",
            "XETR, 2025-03-28, 2025-03-28T08:00:00Z, 2025-03-31, 2025-03-31T07:00:00Z",
            "XFRA, 2025-03-28, 2025-03-28T07:00:00Z, 2025-03-31, 2025-03-31T06:00:00Z",
            "XPAR, 2025-10-24, 2025-10-24T07:00:00Z, 2025-10-27, 2025-10-27T08:00:00Z",
            "XAMS, 2025-03-28, 2025-03-28T08:00:00Z, 2025-03-31, 2025-03-31T07:00:00Z",
            "XSWX, 2025-03-28, 2025-03-28T08:00:00Z, 2025-03-31, 2025-03-31T07:00:00Z",
            // North America's went forward on Sunday 9 March 2025, three weeks before Europe's
            "XTSE, 2025-03-07, 2025-03-07T14:30:00Z, 2025-03-10, 2025-03-10T13:30:00Z",
            // Sydney's went back on Sunday 6 April 2025 and forward on Sunday 5 October 2025; in summer (AEDT) the
            // 10:00 open is on the UTC day before
            "XASX, 2025-04-04, 2025-04-03T23:00:00Z, 2025-04-07, 2025-04-07T00:00:00Z",
            "XASX, 2025-10-03, 2025-10-03T00:00:00Z, 2025-10-06, 2025-10-05T23:00:00Z",
            // Japan and Hong Kong keep no DST
            "XTKS, 2025-03-28, 2025-03-28T00:00:00Z, 2025-03-31, 2025-03-31T00:00:00Z",
            "XHKG, 2025-03-28, 2025-03-28T01:30:00Z, 2025-03-31, 2025-03-31T01:30:00Z",
    })
    void session_aroundDstChange_keepsTheLocalOpen(String mic, LocalDate before, Instant openBefore, LocalDate after,
            Instant openAfter) {
        MarketCalendar calendar = MarketCalendars.forExchange(mic).orElseThrow();

        assertThat(calendar.session(before).orElseThrow().open()).isEqualTo(openBefore);
        assertThat(calendar.session(after).orElseThrow().open()).isEqualTo(openAfter);
        assertThat(calendar.barStartContaining(Timeframe.D1, openAfter.plusSeconds(1))).contains(openAfter);
        assertThat(calendar.isAligned(Timeframe.H1, openAfter.plusSeconds(3600))).isTrue();
    }

    @Test
    void session_betweenTheUsAndEuropeanDstChanges_londonOpensFourAndAHalfHoursBeforeNewYork() {
        // 17 March 2025: New York is on EDT already, London still on GMT
        LocalDate date = LocalDate.of(2025, 3, 17);
        Instant london = MarketCalendars.forExchange("XLON").orElseThrow().session(date).orElseThrow().open();
        Instant newYork = MarketCalendars.nyse().session(date).orElseThrow().open();

        assertThat(london).isEqualTo(Instant.parse("2025-03-17T08:00:00Z"));
        assertThat(newYork).isEqualTo(Instant.parse("2025-03-17T13:30:00Z"));
    }

    @Test
    void nextBarStart_sydneyAcrossTheYearEnd_findsTheJanuarySessionOnTheUtcDayBefore() {
        MarketCalendar asx = MarketCalendars.forExchange("XASX").orElseThrow();

        // the 2025-12-31 early close is 14:00 AEDT = 03:00Z; 1 January is a holiday; 2 January opens 10:00 AEDT
        assertThat(asx.nextBarStart(Timeframe.H1, Instant.parse("2025-12-31T03:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
        assertThat(instants(asx.expectedStarts(Timeframe.D1, Instant.parse("2025-12-30T00:00:00Z"),
                Instant.parse("2026-01-03T00:00:00Z"))))
                .containsExactly(Instant.parse("2025-12-30T23:00:00Z"), Instant.parse("2026-01-01T23:00:00Z"));
        assertThat(asx.session(LocalDate.of(2026, 1, 2)).orElseThrow().open())
                .isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
    }

    @Test
    void nameAndZone_areTheMicAndTheExchangeZone() {
        assertThat(Stream.of("XLON", "XETR", "XFRA", "XPAR", "XAMS", "XSWX", "XTSE", "XTKS", "XHKG", "XASX")
                .map(mic -> mic + " " + MarketCalendars.forExchange(mic).orElseThrow().name() + " "
                        + MarketCalendars.forExchange(mic).orElseThrow().zone().getId()))
                .containsExactly("XLON XLON Europe/London", "XETR XETR Europe/Berlin", "XFRA XFRA Europe/Berlin",
                        "XPAR XPAR Europe/Paris", "XAMS XAMS Europe/Amsterdam", "XSWX XSWX Europe/Zurich",
                        "XTSE XTSE America/Toronto", "XTKS XTKS Asia/Tokyo", "XHKG XHKG Asia/Hong_Kong",
                        "XASX XASX Australia/Sydney");
    }
}
