package io.candlekeep.core.forecast;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * The seasonal period of intraday bars: the bars of one full trading day on the series' calendar, since intraday
 * prices and volumes follow the shape of the session (NYSE: 7 one-hour bars 09:30 to 15:30, 26 of 15 minutes, 2 of
 * 4 hours; crypto and FX: 24, 96 and 6 on the UTC grid). Daily bars have none: a weekly season of 5 days would only
 * be a random walk lagged by a week, whose one-step error variance is five times the naive forecast's.
 */
public final class Seasonality {

    /** How many sessions back from {@code near} are looked at for a full one (an early close has fewer bars). */
    static final int SESSIONS_LOOKED_AT = 14;

    private Seasonality() {
    }

    /**
     * The most bars of {@code timeframe} in one session among the {@value #SESSIONS_LOOKED_AT} days up to
     * {@code near}'s date in the calendar's zone; empty for daily bars or when that is fewer than 2.
     */
    public static OptionalInt barsPerTradingDay(MarketCalendar calendar, Timeframe timeframe, Instant near) {
        if (!timeframe.isIntraday()) {
            return OptionalInt.empty();
        }
        LocalDate date = near.atZone(calendar.zone()).toLocalDate();
        int most = 0;
        for (int back = 0; back < SESSIONS_LOOKED_AT; back++) {
            var session = calendar.session(date.minusDays(back));
            if (session.isPresent()) {
                most = Math.max(most, calendar.expectedStarts(timeframe, session.get().open(), session.get().close()).length);
            }
        }
        return most >= 2 ? OptionalInt.of(most) : OptionalInt.empty();
    }
}
