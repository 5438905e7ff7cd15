package io.candlekeep.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BarSeriesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T14:00:00Z");
    private static final Instant T1 = T0.plusMillis(Timeframe.H1.millis());

    private static Bar bar(Instant start, double close, boolean isFinal) {
        return Bar.of(start, close, close, close, close, 10, isFinal);
    }

    @Test
    void ofWrites_formingAfterFinalAtOneStart_keepsTheFinal() {
        BarSeries s = BarSeries.ofWrites(List.of(bar(T1, 5, false), bar(T0, 1, true), bar(T0, 2, false)));

        assertThat(s.toList()).containsExactly(bar(T0, 1, true), bar(T1, 5, false));
    }

    @Test
    void ofWrites_sameFinalityAtOneStart_laterWins() {
        BarSeries s = BarSeries.ofWrites(List.of(bar(T0, 1, false), bar(T0, 2, false), bar(T1, 3, true),
                bar(T1, 4, true)));

        assertThat(s.toList()).containsExactly(bar(T0, 2, false), bar(T1, 4, true));
    }

    @Test
    void ofWrites_finalAfterForming_replacesIt() {
        BarSeries s = BarSeries.ofWrites(List.of(bar(T0, 1, false), bar(T0, 2, true)));

        assertThat(s.toList()).containsExactly(bar(T0, 2, true));
    }
}
