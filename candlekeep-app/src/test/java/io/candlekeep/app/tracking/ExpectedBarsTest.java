package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ExpectedBarsTest {

    private static final Instant NOW = Instant.parse("2026-03-11T15:07:31Z");
    private static final List<MarketCalendar> CALENDARS = List.of(MarketCalendars.nyse(), MarketCalendars.crypto(),
            MarketCalendars.fx(), MarketCalendars.weekdays());

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void count_startsInAnyOrder_equalsTheCalendarsOwnCountFromEachStart(Timeframe tf) {
        ExpectedBars expected = new ExpectedBars(NOW);
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            MarketCalendar calendar = CALENDARS.get(random.nextInt(CALENDARS.size()));
            // later and earlier starts mixed, to the minute or to the millisecond, some on a bar start
            Instant from = NOW.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60)))
                    .minusMillis(random.nextBoolean() ? 0 : random.nextInt(60_000));
            assertThat(expected.count(calendar, tf, from)).as("%s %s from %s", calendar.name(), tf, from)
                    .isEqualTo(calendar.expectedStarts(tf, from, NOW).length);
        }
    }

    @Test
    void count_fromNowOrLater_isZero() {
        ExpectedBars expected = new ExpectedBars(NOW);

        assertThat(expected.count(MarketCalendars.crypto(), Timeframe.M15, NOW)).isZero();
        assertThat(expected.count(MarketCalendars.crypto(), Timeframe.M15, NOW.plusSeconds(3600))).isZero();
        assertThat(expected.count(MarketCalendars.crypto(), Timeframe.M15, NOW.minus(Duration.ofDays(1)))).isEqualTo(96);
    }
}
