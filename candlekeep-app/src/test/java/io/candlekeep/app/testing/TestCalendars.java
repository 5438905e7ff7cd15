package io.candlekeep.app.testing;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Timeframe;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Small, obviously-correct calendars for adapter tests that must not depend on the real exchange calendars:
 * a weekday 09:30-16:00 New York market with the holidays a test names, and a 24/7 UTC market.
 */
public final class TestCalendars {

    private TestCalendars() {
    }

    /** NYSE hours on weekdays, closed on {@code holidays}; no early closes. */
    public static MarketCalendar nyseLike(LocalDate... holidays) {
        return new WeekdaySession(Set.of(holidays));
    }

    /** Always open; bars on the UTC epoch grid, daily bars at 00:00 UTC. */
    public static MarketCalendar utc24x7() {
        return new AlwaysOpen();
    }

    private record WeekdaySession(Set<LocalDate> holidays) implements MarketCalendar {
        private static final ZoneId NY = ZoneId.of("America/New_York");

        @Override
        public String name() {
            return "NYSE-LIKE";
        }

        @Override
        public ZoneId zone() {
            return NY;
        }

        @Override
        public boolean isTradingDay(LocalDate date) {
            return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !holidays.contains(date);
        }

        @Override
        public Optional<Session> session(LocalDate date) {
            if (!isTradingDay(date)) {
                return Optional.empty();
            }
            return Optional.of(new Session(date, date.atTime(LocalTime.of(9, 30)).atZone(NY).toInstant(),
                    date.atTime(LocalTime.of(16, 0)).atZone(NY).toInstant(), false));
        }

        @Override
        public Optional<Instant> barStartContaining(Timeframe timeframe, Instant t) {
            Optional<Session> s = session(LocalDate.ofInstant(t, NY));
            if (s.isEmpty() || t.isBefore(s.get().open()) || !t.isBefore(s.get().close())) {
                return Optional.empty();
            }
            if (timeframe == Timeframe.D1) {
                return Optional.of(s.get().open());
            }
            long open = s.get().open().toEpochMilli();
            long k = (t.toEpochMilli() - open) / timeframe.millis();
            return Optional.of(Instant.ofEpochMilli(open + k * timeframe.millis()));
        }

        @Override
        public boolean isAligned(Timeframe timeframe, Instant start) {
            return barStartContaining(timeframe, start).map(start::equals).orElse(false);
        }

        @Override
        public Instant barEnd(Timeframe timeframe, Instant start) {
            Instant close = session(LocalDate.ofInstant(start, NY)).orElseThrow().close();
            if (timeframe == Timeframe.D1) {
                return close;
            }
            Instant end = start.plus(timeframe.duration());
            return end.isAfter(close) ? close : end;
        }

        @Override
        public long[] expectedStarts(Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
            LongStream.Builder out = LongStream.builder();
            for (LocalDate d = LocalDate.ofInstant(startInclusive, NY); !d.atStartOfDay(NY).toInstant()
                    .isAfter(endExclusive); d = d.plusDays(1)) {
                Optional<Session> s = session(d);
                if (s.isEmpty()) {
                    continue;
                }
                long step = timeframe == Timeframe.D1 ? Long.MAX_VALUE : timeframe.millis();
                for (long t = s.get().open().toEpochMilli(); t < s.get().close().toEpochMilli(); t += step) {
                    if (t >= startInclusive.toEpochMilli() && t < endExclusive.toEpochMilli()) {
                        out.add(t);
                    }
                    if (step == Long.MAX_VALUE) {
                        break;
                    }
                }
            }
            return out.build().toArray();
        }

        @Override
        public Instant nextBarStart(Timeframe timeframe, Instant t) {
            long[] starts = expectedStarts(timeframe, t, t.plus(java.time.Duration.ofDays(15)));
            return Instant.ofEpochMilli(starts[0]);
        }
    }

    private record AlwaysOpen() implements MarketCalendar {
        @Override
        public String name() {
            return "CRYPTO-LIKE";
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }

        @Override
        public boolean isTradingDay(LocalDate date) {
            return true;
        }

        @Override
        public Optional<Session> session(LocalDate date) {
            return Optional.of(new Session(date, date.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), false));
        }

        @Override
        public Optional<Instant> barStartContaining(Timeframe timeframe, Instant t) {
            long m = t.toEpochMilli();
            return Optional.of(Instant.ofEpochMilli(Math.floorDiv(m, timeframe.millis()) * timeframe.millis()));
        }

        @Override
        public boolean isAligned(Timeframe timeframe, Instant start) {
            return start.toEpochMilli() % timeframe.millis() == 0 && start.getNano() % 1_000_000 == 0;
        }

        @Override
        public Instant barEnd(Timeframe timeframe, Instant start) {
            return start.plus(timeframe.duration());
        }

        @Override
        public long[] expectedStarts(Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
            long first = nextBarStart(timeframe, startInclusive).toEpochMilli();
            return LongStream.iterate(first, t -> t < endExclusive.toEpochMilli(), t -> t + timeframe.millis()).toArray();
        }

        @Override
        public Instant nextBarStart(Timeframe timeframe, Instant t) {
            long m = t.toEpochMilli();
            return Instant.ofEpochMilli(Math.ceilDiv(m, timeframe.millis()) * timeframe.millis());
        }
    }
}
