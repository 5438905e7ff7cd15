package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The wait policy of {@link SliceRunner} after a rate limit; its collaborators play no part in it. */
final class SliceRunnerTest {

    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final FetchOutcome.RateLimited NO_RETRY_AFTER = new FetchOutcome.RateLimited(Optional.empty());

    private final SliceRunner runner = new SliceRunner(null, null, null, null, null, null, null, null, null,
            new BackfillProperties(null, 6, INITIAL, Duration.ofMinutes(10), null, null), Clock.systemUTC());

    private final SliceTask slice = SliceTask.of(SeriesId.of("AAPL", Timeframe.D1), 1,
            TimeRange.of(Instant.parse("2020-01-06T00:00:00Z"), Instant.parse("2020-11-02T00:00:00Z")));

    @Test
    void rateLimitWait_rateLimitedAgainAndAgain_growsWithoutUsingAnAttempt() {
        SliceTask sixth = slice;
        for (int i = 0; i < 5; i++) {
            sixth = sixth.rateLimited();
        }
        assertThat(sixth.attempt()).isEqualTo(1);
        assertThat(sixth.rateLimits()).isEqualTo(5);

        List<Duration> firstWaits = waits(slice, NO_RETRY_AFTER);
        List<Duration> sixthWaits = waits(sixth, NO_RETRY_AFTER);
        assertThat(firstWaits).allSatisfy(w -> assertThat(w).isBetween(INITIAL.dividedBy(2), INITIAL));
        assertThat(sixthWaits).allSatisfy(w -> assertThat(w).isBetween(INITIAL.dividedBy(2), INITIAL.multipliedBy(32)));
        // the ceiling doubled five times: of 200 draws in [0.5 s, 32 s], some lie above the first wait's ceiling
        assertThat(sixthWaits).anySatisfy(w -> assertThat(w).isGreaterThan(INITIAL));
    }

    @Test
    void rateLimitWait_retryAfterLongerThanTheBackoff_waitsTheRetryAfter() {
        Duration retryAfter = Duration.ofSeconds(7);
        assertThat(waits(slice, new FetchOutcome.RateLimited(Optional.of(retryAfter)))).containsOnly(retryAfter);
    }

    @Test
    void nextAttempt_afterRateLimits_countsThemAfreshAndKeepsTheSlice() {
        SliceTask next = slice.rateLimited().rateLimited().nextAttempt();
        assertThat(next.attempt()).isEqualTo(2);
        assertThat(next.rateLimits()).isZero();
        assertThat(next.instanceId()).isEqualTo(slice.instanceId());
    }

    private List<Duration> waits(SliceTask task, FetchOutcome.RateLimited limited) {
        return IntStream.range(0, 200).mapToObj(i -> runner.rateLimitWait(task, limited)).toList();
    }
}
