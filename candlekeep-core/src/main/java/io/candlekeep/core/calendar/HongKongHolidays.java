package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The general holidays of Hong Kong, on which HKEX does not trade (General Holidays Ordinance, Cap. 149; HKEX's
 * holiday schedule): New Year's Day; the first three days of Lunar New Year; Ching Ming; Good Friday, the day after
 * and Easter Monday; Labour Day; Buddha's Birthday; Tuen Ng; HKSAR Establishment Day (1 July); the day after
 * Mid-Autumn; National Day (1 October); Chung Yeung; Christmas Day and the first weekday (Monday to Saturday)
 * after it. A holiday on a Sunday, or on a day that is already a holiday, moves to the next day that is neither,
 * which for Lunar New Year gives the fourth day when one of the three falls on a Sunday (the rule since 2013). A
 * holiday on a Saturday is not moved. The one-off holiday of 3 September 2015 is listed.
 *
 * <p>The lunar and solar-term dates (Lunar New Year's Day, Ching Ming, Buddha's Birthday, Tuen Ng, Mid-Autumn,
 * Chung Yeung) follow no Gregorian rule; they are tabled here for {@value #FIRST_YEAR} to {@value #LAST_YEAR} from
 * the Hong Kong Observatory's Gregorian–lunar calendar conversion tables. Outside those years only the
 * Gregorian holidays are known, and the lunar ones must be added to the table. No Java library on Maven Central
 * carries them without a whole lunar-calendar library (ICU4J, 14 MB).
 */
final class HongKongHolidays implements HolidayRule {

    static final int FIRST_YEAR = 2013;
    static final int LAST_YEAR = 2040;

    /** Per year, MMDD of Lunar New Year's Day, Ching Ming, Buddha's Birthday, Tuen Ng, Mid-Autumn and Chung Yeung. */
    private static final String[] LUNAR_DATES = {
            "2013 0210 0404 0517 0612 0919 1013",
            "2014 0131 0405 0506 0602 0908 1002",
            "2015 0219 0405 0525 0620 0927 1021",
            "2016 0208 0404 0514 0609 0915 1009",
            "2017 0128 0404 0503 0530 1004 1028",
            "2018 0216 0405 0522 0618 0924 1017",
            "2019 0205 0405 0512 0607 0913 1007",
            "2020 0125 0404 0430 0625 1001 1025",
            "2021 0212 0404 0519 0614 0921 1014",
            "2022 0201 0405 0508 0603 0910 1004",
            "2023 0122 0405 0526 0622 0929 1023",
            "2024 0210 0404 0515 0610 0917 1011",
            "2025 0129 0404 0505 0531 1006 1029",
            "2026 0217 0405 0524 0619 0925 1018",
            "2027 0206 0405 0513 0609 0915 1008",
            "2028 0126 0404 0502 0528 1003 1026",
            "2029 0213 0404 0520 0616 0922 1016",
            "2030 0203 0405 0509 0605 0912 1005",
            "2031 0123 0405 0528 0624 1001 1024",
            "2032 0211 0404 0516 0612 0919 1012",
            "2033 0131 0404 0506 0601 0908 1001",
            "2034 0219 0405 0525 0620 0927 1020",
            "2035 0208 0405 0515 0610 0916 1009",
            "2036 0128 0404 0503 0530 1004 1027",
            "2037 0215 0404 0522 0618 0924 1017",
            "2038 0204 0405 0511 0607 0913 1007",
            "2039 0124 0405 0430 0527 1002 1026",
            "2040 0212 0404 0518 0614 0920 1014",
    };

    private static final Map<Integer, LocalDate[]> LUNAR = parse();

    @Override
    public Collection<LocalDate> dates(int year) {
        LocalDate easter = HolidayRule.easterSunday(year);
        LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
        LocalDate dayAfterChristmas = christmas.plusDays(1);
        if (dayAfterChristmas.getDayOfWeek() == DayOfWeek.SUNDAY) {
            dayAfterChristmas = dayAfterChristmas.plusDays(1);
        }
        // in order of precedence: a later holiday on the day of an earlier one moves
        List<LocalDate> nominal = new ArrayList<>(List.of(LocalDate.of(year, 1, 1)));
        LocalDate[] lunar = LUNAR.get(year);
        if (lunar != null) {
            nominal.addAll(List.of(lunar[0], lunar[0].plusDays(1), lunar[0].plusDays(2)));
        }
        nominal.addAll(List.of(easter.minusDays(2), easter.minusDays(1), easter.plusDays(1),
                LocalDate.of(year, 5, 1), LocalDate.of(year, 7, 1), LocalDate.of(year, 10, 1), christmas,
                dayAfterChristmas));
        if (lunar != null) {
            nominal.addAll(List.of(lunar[1], lunar[2], lunar[3], lunar[4].plusDays(1), lunar[5]));
        }
        if (year == 2015) {
            nominal.add(LocalDate.of(2015, 9, 3)); // 70th anniversary of the victory of the War of Resistance
        }
        Set<LocalDate> taken = new LinkedHashSet<>();
        List<LocalDate> moved = new ArrayList<>();
        for (LocalDate d : nominal) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY || !taken.add(d)) {
                moved.add(d);
            }
        }
        for (LocalDate d : moved) {
            LocalDate substitute = d.plusDays(1);
            while (substitute.getDayOfWeek() == DayOfWeek.SUNDAY || taken.contains(substitute)) {
                substitute = substitute.plusDays(1);
            }
            taken.add(substitute);
        }
        return taken;
    }

    /** The eve of Lunar New Year in {@code year}, when the table has that year. */
    static Optional<LocalDate> lunarNewYearsEve(int year) {
        return Optional.ofNullable(LUNAR.get(year)).map(d -> d[0].minusDays(1));
    }

    private static Map<Integer, LocalDate[]> parse() {
        Map<Integer, LocalDate[]> out = new HashMap<>();
        for (String row : LUNAR_DATES) {
            String[] f = row.split(" ");
            int year = Integer.parseInt(f[0]);
            LocalDate[] dates = new LocalDate[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                int md = Integer.parseInt(f[i]);
                dates[i - 1] = LocalDate.of(year, md / 100, md % 100);
            }
            out.put(year, dates);
        }
        return Map.copyOf(out);
    }
}
