package io.candlekeep.core.calendar;

import static java.time.Month.AUGUST;
import static java.time.Month.DECEMBER;
import static java.time.Month.NOVEMBER;
import static java.time.Month.OCTOBER;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The exchanges outside the US, each an {@link ExchangeCalendar} named by its MIC. Hours are regular sessions in
 * the exchange's zone, from the open to the end of continuous trading (the closing auction's price lands in the
 * last bar), as each exchange publishes them; holidays come from OpenGamma Strata's holiday calendars where one
 * matches, corrected by the days on which the exchange and that calendar differ (README, Exchange calendars):
 * <ul>
 * <li>{@code XLON} London Stock Exchange (londonstockexchange.com, trading hours and business days): 08:00–16:30
 * Europe/London; closed on England's bank holidays (Strata {@code GBLO}, with the one-off ones such as the 2022
 * jubilee and funeral and the 2023 coronation); closes at 12:30 on 24 and 31 December, or on the Friday before when
 * those fall on a weekend.</li>
 * <li>{@code XETR} Xetra (Deutsche Börse, Xetra trading hours and trading calendar): 09:00–17:30 Europe/Berlin;
 * closed on the TARGET holidays (Strata {@code EUTA}: 1 January, Good Friday, Easter Monday, 1 May, 25 and 26
 * December) and on 24 and 31 December; it trades on Germany's other holidays (Strata's Frankfurt calendar
 * {@code DEFR} has them, so it is not used); the last trading day
 * of the year ends at 14:00. Until 2021 it also closed on Whit Monday (from 2015) and German Unity Day (from 2014),
 * and on Reformation Day 2017.</li>
 * <li>{@code XFRA} Börse Frankfurt (boerse-frankfurt.de, trading hours): the floor's specialist trading 08:00–22:00
 * Europe/Berlin (08:00–20:00 before 29 November 2021), Xetra's holidays, 14:00 on the last trading day.</li>
 * <li>{@code XPAR} Euronext Paris and {@code XAMS} Euronext Amsterdam (euronext.com, trading hours and holidays):
 * 09:00–17:30 Europe/Paris and Europe/Amsterdam; closed on the TARGET holidays only (Strata {@code EUTA}; national
 * holidays such as 14 July or King's Day are trading days); on 24 and 31 December continuous trading ends at 14:00
 * (the closing auction at 14:05).</li>
 * <li>{@code XSWX} SIX Swiss Exchange (six-group.com, trading hours and trading calendar): 09:00–17:30
 * Europe/Zurich, the closing auction from 17:20 included as SIX publishes the session; closed on Zurich's holidays
 * (Strata {@code CHZU}: 1 and 2 January, Good Friday, Easter Monday, 1 May, Ascension, Whit Monday, 1 August, 25
 * and 26 December) and on 24 and 31 December; no early closes.</li>
 * <li>{@code XTSE} Toronto Stock Exchange (tmx.com, market hours and holidays): 09:30–16:00 America/Toronto;
 * closed on Toronto's bank holidays (Strata {@code CATO}: New Year, Family Day, Good Friday, Victoria Day, Canada
 * Day, Civic Holiday, Labour Day, Thanksgiving, Christmas, Boxing Day) except Remembrance Day, when it trades;
 * closes at 13:00 on 24 December.</li>
 * <li>{@code XTKS} Tokyo Stock Exchange (jpx.co.jp, trading hours and market holidays): 09:00–11:30 and
 * 12:30–15:30 Asia/Tokyo since 5 November 2024 (15:00 before); closed on Japan's holidays, their substitutes and 31
 * December to 3 January (Strata {@code JPTO}, which tables the equinox days to 2030); no early closes.</li>
 * <li>{@code XHKG} Hong Kong Exchanges (hkex.com.hk, trading hours and holiday schedule): 09:30–12:00 and
 * 13:00–16:00 Asia/Hong_Kong (since 5 March 2012; 13:30 after lunch from 7 March 2011, before that 10:00–12:30 and
 * 14:30–16:00); closed on Hong Kong's general holidays ({@link HongKongHolidays}, no library carries them); on the
 * eves of Christmas, New Year and Lunar New Year only the morning session trades. Closures for typhoons and
 * black rainstorms (until HKEX kept trading through severe weather from 23 September 2024) follow no rule and are
 * not modelled.</li>
 * <li>{@code XASX} Australian Securities Exchange (asx.com.au, trading hours and calendar): 10:00–16:00
 * Australia/Sydney; closed on Sydney's bank holidays (Strata {@code AUSY}: New Year, Australia Day, Good Friday,
 * Easter Monday, Anzac Day, the King's Birthday, Christmas, Boxing Day and the 2022 day of mourning) except the
 * New South Wales Bank Holiday (first Monday of August) and Labour Day (first Monday of October), when it trades;
 * normal trading ends at 14:00 (the closing auction at 14:10) on the last trading day before Christmas and the last
 * of the year.</li>
 * </ul>
 * The rules are the current ones; years long past may differ from history. Obtain a calendar from
 * {@link MarketCalendars#forExchange(String)} or {@link MarketCalendars#forSymbol}.
 */
final class ExchangeCalendars {

    private static final EarlyCloseRule CHRISTMAS_AND_NEW_YEARS_EVE =
            EarlyCloseRule.on(DECEMBER, 24).plus(EarlyCloseRule.on(DECEMBER, 31));
    private static final HolidayRule TARGET = HolidayRule.strata("EUTA");
    private static final HolidayRule XETRA_HOLIDAYS = TARGET.plus(HolidayRule.on(DECEMBER, 24))
            .plus(HolidayRule.on(DECEMBER, 31))
            // Börse Frankfurt's trading calendars until 2021 also closed on Whit Monday and German Unity Day
            .plus(HolidayRule.easterPlus(50).inYears(2015, 2021))
            .plus(HolidayRule.on(OCTOBER, 3).inYears(2014, 2021))
            .plus(HolidayRule.once(LocalDate.of(2017, 10, 31))); // Reformation Day, 500th anniversary

    static final ExchangeCalendar XLON = new ExchangeCalendar(ExchangeSpec.of("XLON", "Europe/London",
            hours(8, 0, 16, 30).withEarlyClose(LocalTime.of(12, 30)), HolidayRule.strata("GBLO"),
            EarlyCloseRule.onOrFridayBefore(DECEMBER, 24).plus(EarlyCloseRule.onOrFridayBefore(DECEMBER, 31))));

    static final ExchangeCalendar XETR = new ExchangeCalendar(ExchangeSpec.of("XETR", "Europe/Berlin",
            hours(9, 0, 17, 30).withEarlyClose(LocalTime.of(14, 0)), XETRA_HOLIDAYS,
            EarlyCloseRule.lastTradingDayOfYear()));

    static final ExchangeCalendar XFRA = new ExchangeCalendar(ExchangeSpec.of("XFRA", "Europe/Berlin",
            hours(8, 0, 20, 0).withEarlyClose(LocalTime.of(14, 0)), XETRA_HOLIDAYS,
            EarlyCloseRule.lastTradingDayOfYear())
            .withHoursFrom(LocalDate.of(2021, 11, 29), hours(8, 0, 22, 0).withEarlyClose(LocalTime.of(14, 0))));

    static final ExchangeCalendar XPAR = new ExchangeCalendar(ExchangeSpec.of("XPAR", "Europe/Paris",
            hours(9, 0, 17, 30).withEarlyClose(LocalTime.of(14, 0)), TARGET, CHRISTMAS_AND_NEW_YEARS_EVE));

    static final ExchangeCalendar XAMS = new ExchangeCalendar(ExchangeSpec.of("XAMS", "Europe/Amsterdam",
            hours(9, 0, 17, 30).withEarlyClose(LocalTime.of(14, 0)), TARGET, CHRISTMAS_AND_NEW_YEARS_EVE));

    static final ExchangeCalendar XSWX = new ExchangeCalendar(ExchangeSpec.of("XSWX", "Europe/Zurich",
            hours(9, 0, 17, 30), HolidayRule.strata("CHZU").plus(HolidayRule.on(DECEMBER, 24))
                    .plus(HolidayRule.on(DECEMBER, 31)),
            EarlyCloseRule.none()));

    static final ExchangeCalendar XTSE = new ExchangeCalendar(ExchangeSpec.of("XTSE", "America/Toronto",
            hours(9, 30, 16, 0).withEarlyClose(LocalTime.of(13, 0)),
            HolidayRule.strata("CATO").minus(HolidayRule.onOrMondayAfter(NOVEMBER, 11)),
            EarlyCloseRule.on(DECEMBER, 24)));

    static final ExchangeCalendar XTKS = new ExchangeCalendar(ExchangeSpec.of("XTKS", "Asia/Tokyo",
            hours(9, 0, 15, 0).withBreak(LocalTime.of(11, 30), LocalTime.of(12, 30)), HolidayRule.strata("JPTO"),
            EarlyCloseRule.none())
            .withHoursFrom(LocalDate.of(2024, 11, 5),
                    hours(9, 0, 15, 30).withBreak(LocalTime.of(11, 30), LocalTime.of(12, 30))));

    static final ExchangeCalendar XHKG = new ExchangeCalendar(ExchangeSpec.of("XHKG", "Asia/Hong_Kong",
            hours(10, 0, 16, 0).withBreak(LocalTime.of(12, 30), LocalTime.of(14, 30))
                    .withEarlyClose(LocalTime.of(12, 30)),
            new HongKongHolidays(),
            CHRISTMAS_AND_NEW_YEARS_EVE.plus((year, trading) -> HongKongHolidays.lunarNewYearsEve(year).stream()
                    .toList()))
            .withHoursFrom(LocalDate.of(2011, 3, 7), hours(9, 30, 16, 0)
                    .withBreak(LocalTime.of(12, 0), LocalTime.of(13, 30)).withEarlyClose(LocalTime.of(12, 0)))
            .withHoursFrom(LocalDate.of(2012, 3, 5), hours(9, 30, 16, 0)
                    .withBreak(LocalTime.of(12, 0), LocalTime.of(13, 0)).withEarlyClose(LocalTime.of(12, 0))));

    static final ExchangeCalendar XASX = new ExchangeCalendar(ExchangeSpec.of("XASX", "Australia/Sydney",
            hours(10, 0, 16, 0).withEarlyClose(LocalTime.of(14, 0)),
            HolidayRule.strata("AUSY").minus(HolidayRule.firstMonday(AUGUST))
                    .minus(HolidayRule.firstMonday(OCTOBER)),
            EarlyCloseRule.onOrFridayBefore(DECEMBER, 24).plus(EarlyCloseRule.onOrFridayBefore(DECEMBER, 31))));

    /** Every calendar here, in the order of the class comment. */
    static final List<ExchangeCalendar> ALL = List.of(XLON, XETR, XFRA, XPAR, XAMS, XSWX, XTSE, XTKS, XHKG, XASX);

    private ExchangeCalendars() {
    }

    /** The calendar named {@code mic}, one of {@link #ALL}. */
    static Optional<ExchangeCalendar> findByMic(String mic) {
        return ALL.stream().filter(c -> c.name().equals(mic)).findFirst();
    }

    private static TradingHours hours(int openHour, int openMinute, int closeHour, int closeMinute) {
        return TradingHours.of(LocalTime.of(openHour, openMinute), LocalTime.of(closeHour, closeMinute));
    }
}
