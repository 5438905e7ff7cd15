package io.candlekeep.core.forecast;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bars a forecast targets: the next bar starts on the series' calendar, skipping nights, weekends and holidays. */
public final class ForecastTargets {

    private ForecastTargets() {
    }

    /** The starts of the {@code steps} bars after the one starting at {@code lastStart}, ascending. */
    public static List<Instant> after(MarketCalendar calendar, Timeframe timeframe, Instant lastStart, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 but was " + steps);
        }
        List<Instant> starts = new ArrayList<>(steps);
        Instant t = lastStart;
        for (int i = 0; i < steps; i++) {
            t = calendar.nextBarStart(timeframe, t.plusMillis(1));
            starts.add(t);
        }
        return List.copyOf(starts);
    }
}
