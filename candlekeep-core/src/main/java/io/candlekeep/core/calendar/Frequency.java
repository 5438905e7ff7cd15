package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a macro series is observed, and on which date each observation is stamped, as FRED dates them: a
 * monthly, quarterly, semiannual or annual observation at the first day of its period (the CPI of December 2024 is
 * dated 2024-12-01), a weekly one on the last day of its week ("Weekly, Ending Friday": every Friday), a daily one on
 * each weekday.
 *
 * <p>An observation is <em>due</em> once its period has ended and one more period has passed, at least seven days,
 * for the source to publish it (see {@link #dueOn}): until then its absence is not a gap. FRED publishes CPI about two
 * weeks after the month, GDP a month after the quarter, and some daily series (exchange rates, oil prices) once a week.
 */
public enum Frequency {
    DAILY("daily", Period.ofDays(8)),
    WEEKLY_MONDAY("weekly_monday", Period.ofDays(8)),
    WEEKLY_TUESDAY("weekly_tuesday", Period.ofDays(8)),
    WEEKLY_WEDNESDAY("weekly_wednesday", Period.ofDays(8)),
    WEEKLY_THURSDAY("weekly_thursday", Period.ofDays(8)),
    WEEKLY_FRIDAY("weekly_friday", Period.ofDays(8)),
    WEEKLY_SATURDAY("weekly_saturday", Period.ofDays(8)),
    WEEKLY_SUNDAY("weekly_sunday", Period.ofDays(8)),
    MONTHLY("monthly", Period.ofMonths(2)),
    QUARTERLY("quarterly", Period.ofMonths(6)),
    SEMIANNUAL("semiannual", Period.ofMonths(12)),
    ANNUAL("annual", Period.ofYears(2));

    private final String code;
    /** From an observation's date to the day it is due: its own period, then one more (at least 7 days). */
    private final Period dueDelay;

    Frequency(String code, Period dueDelay) {
        this.code = code;
        this.dueDelay = dueDelay;
    }

    /** Parses a {@link #code()}, such as {@code monthly} or {@code weekly_friday}. */
    public static Frequency of(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.code.equals(c)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown frequency '" + code + "': use one of "
                        + Arrays.stream(values()).map(Frequency::code).toList()));
    }

    /** The weekly frequency whose weeks end on {@code endingOn}. */
    public static Frequency weekly(DayOfWeek endingOn) {
        return switch (endingOn) {
            case MONDAY -> WEEKLY_MONDAY;
            case TUESDAY -> WEEKLY_TUESDAY;
            case WEDNESDAY -> WEEKLY_WEDNESDAY;
            case THURSDAY -> WEEKLY_THURSDAY;
            case FRIDAY -> WEEKLY_FRIDAY;
            case SATURDAY -> WEEKLY_SATURDAY;
            case SUNDAY -> WEEKLY_SUNDAY;
        };
    }

    /** {@code daily}, {@code weekly_friday}, {@code monthly}, {@code quarterly}, {@code semiannual} or {@code annual}. */
    public String code() {
        return code;
    }

    /** The day a weekly series' weeks end on, and so the day its observations are dated; empty for the others. */
    public Optional<DayOfWeek> weekEnding() {
        return switch (this) {
            case WEEKLY_MONDAY -> Optional.of(DayOfWeek.MONDAY);
            case WEEKLY_TUESDAY -> Optional.of(DayOfWeek.TUESDAY);
            case WEEKLY_WEDNESDAY -> Optional.of(DayOfWeek.WEDNESDAY);
            case WEEKLY_THURSDAY -> Optional.of(DayOfWeek.THURSDAY);
            case WEEKLY_FRIDAY -> Optional.of(DayOfWeek.FRIDAY);
            case WEEKLY_SATURDAY -> Optional.of(DayOfWeek.SATURDAY);
            case WEEKLY_SUNDAY -> Optional.of(DayOfWeek.SUNDAY);
            default -> Optional.empty();
        };
    }

    /** The first date on or after {@code date} that an observation of this frequency is dated on. */
    public LocalDate observationOnOrAfter(LocalDate date) {
        return switch (this) {
            case DAILY -> switch (date.getDayOfWeek()) {
                case SATURDAY -> date.plusDays(2);
                case SUNDAY -> date.plusDays(1);
                default -> date;
            };
            case MONTHLY -> startOnOrAfter(date, 1);
            case QUARTERLY -> startOnOrAfter(date, 3);
            case SEMIANNUAL -> startOnOrAfter(date, 6);
            case ANNUAL -> startOnOrAfter(date, 12);
            default -> date.with(TemporalAdjusters.nextOrSame(weekEnding().orElseThrow()));
        };
    }

    /**
     * The day after the period that the observation dated {@code observationDate} stands for: the first of the next
     * month for a monthly one, the day after for a daily or a weekly one (dated on the last day of its week).
     */
    public LocalDate periodEnd(LocalDate observationDate) {
        return switch (this) {
            case MONTHLY -> observationDate.plusMonths(1);
            case QUARTERLY -> observationDate.plusMonths(3);
            case SEMIANNUAL -> observationDate.plusMonths(6);
            case ANNUAL -> observationDate.plusYears(1);
            default -> observationDate.plusDays(1);
        };
    }

    /**
     * The first day (UTC) on which the observation dated {@code observationDate} is due: its period has ended, and
     * after it one more period (a monthly one: a month; a daily or weekly one: seven days) for it to be published.
     * December's CPI, dated 2024-12-01, is due on 2025-02-01; Q3's GDP, dated 2024-07-01, on 2025-01-01.
     */
    public LocalDate dueOn(LocalDate observationDate) {
        return observationDate.plus(dueDelay);
    }

    /** The oldest observation date that is not yet due on {@code today}: every earlier one is. */
    public LocalDate firstNotDue(LocalDate today) {
        // due(d) = d + delay <= today  <=>  d <= today - delay, also for month-based delays, since such d are firsts
        return observationOnOrAfter(today.minus(dueDelay).plusDays(1));
    }

    @Override
    public String toString() {
        return code;
    }

    /** The first day of a period of {@code months} months (periods start in January) on or after {@code date}. */
    private static LocalDate startOnOrAfter(LocalDate date, int months) {
        LocalDate start = date.withDayOfMonth(1).withMonth(((date.getMonthValue() - 1) / months) * months + 1);
        return start.isBefore(date) ? start.plusMonths(months) : start;
    }
}
