package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The methods of every calendar agree with each other, for every timeframe, over windows that cross DST changes,
 * holidays, early closes, weekends and a year end.
 */
final class MarketCalendarContractTest {

    private static final List<Instant[]> WINDOWS = List.of(
            new Instant[] {Instant.parse("2024-02-28T00:00:00Z"), Instant.parse("2024-03-20T00:00:00Z")},
            new Instant[] {Instant.parse("2024-10-25T00:00:00Z"), Instant.parse("2024-12-03T00:00:00Z")},
            new Instant[] {Instant.parse("2024-12-20T00:00:00Z"), Instant.parse("2025-01-13T00:00:00Z")},
            new Instant[] {Instant.parse("2026-06-28T00:00:00Z"), Instant.parse("2026-07-08T00:00:00Z")});

    static Stream<Arguments> calendarsAndTimeframes() {
        List<MarketCalendar> calendars = new ArrayList<>(List.of(MarketCalendars.nyse(), MarketCalendars.crypto(),
                MarketCalendars.fx(), MarketCalendars.weekdays()));
        for (String mic : List.of("XLON", "XETR", "XFRA", "XPAR", "XAMS", "XSWX", "XTSE", "XTKS", "XHKG", "XASX")) {
            calendars.add(MarketCalendars.forExchange(mic).orElseThrow());
        }
        List<Arguments> args = new ArrayList<>();
        for (MarketCalendar calendar : calendars) {
            for (Timeframe tf : Timeframe.values()) {
                args.add(Arguments.of(calendar, tf));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("calendarsAndTimeframes")
    void expectedStarts_eachStart_isConsistentWithTheOtherMethods(MarketCalendar calendar, Timeframe tf) {
        for (Instant[] window : WINDOWS) {
            long[] starts = calendar.expectedStarts(tf, window[0], window[1]);
            assertThat(starts).isNotEmpty();
            for (int i = 0; i < starts.length; i++) {
                Instant start = Instant.ofEpochMilli(starts[i]);
                Instant end = calendar.barEnd(tf, start);
                assertThat(calendar.isAligned(tf, start)).as("aligned %s", start).isTrue();
                assertThat(end).as("end of %s", start).isAfter(start);
                assertThat(end.toEpochMilli() - starts[i]).as("length of %s", start).isLessThanOrEqualTo(tf.millis());
                assertThat(calendar.barStartContaining(tf, start)).as("containing %s", start).contains(start);
                assertThat(calendar.barStartContaining(tf, end.minusMillis(1))).as("containing end of %s", start)
                        .contains(start);
                assertThat(calendar.nextBarStart(tf, start)).isEqualTo(start);
                if (i + 1 < starts.length) {
                    Instant next = Instant.ofEpochMilli(starts[i + 1]);
                    assertThat(next).as("next after %s", start).isAfterOrEqualTo(end);
                    assertThat(calendar.nextBarStart(tf, start.plusMillis(1))).isEqualTo(next);
                    assertThat(calendar.nextBarStart(tf, end)).isEqualTo(next);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("calendarsAndTimeframes")
    void barStartContaining_everyQuarterHour_agreesWithExpectedStarts(MarketCalendar calendar, Timeframe tf) {
        for (Instant[] window : WINDOWS) {
            long[] starts = calendar.expectedStarts(tf, window[0].minus(tf.duration()), window[1]);
            int i = 0;
            for (Instant t = window[0]; t.isBefore(window[1]); t = t.plusSeconds(15 * 60)) {
                while (i + 1 < starts.length && starts[i + 1] <= t.toEpochMilli()) {
                    i++;
                }
                Optional<Instant> expected = Optional.empty();
                if (starts.length > 0 && starts[i] <= t.toEpochMilli()) {
                    Instant start = Instant.ofEpochMilli(starts[i]);
                    if (t.isBefore(calendar.barEnd(tf, start))) {
                        expected = Optional.of(start);
                    }
                }
                assertThat(calendar.barStartContaining(tf, t)).as("containing %s", t).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("calendarsAndTimeframes")
    void expectedStarts_subRange_isTheFilteredFullRange(MarketCalendar calendar, Timeframe tf) {
        Instant from = Instant.parse("2024-03-01T00:00:00Z");
        Instant to = Instant.parse("2024-04-01T00:00:00Z");
        long[] all = calendar.expectedStarts(tf, from, to);
        Instant subFrom = Instant.parse("2024-03-08T16:07:00Z");
        Instant subTo = Instant.parse("2024-03-19T14:30:00Z");
        long[] expected = java.util.Arrays.stream(all)
                .filter(s -> s >= subFrom.toEpochMilli() && s < subTo.toEpochMilli()).toArray();
        assertThat(calendar.expectedStarts(tf, subFrom, subTo)).containsExactly(expected);
    }
}
