package io.candlekeep.app.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.forecast.ForecastQueue.Candidate;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ForecastQueueTest {

    private static Candidate candidate(String symbol, InterestSource source, String lastMadeAt) {
        return new Candidate(SeriesId.of(symbol, Timeframe.H1), source, source.priority(),
                Optional.ofNullable(lastMadeAt).map(Instant::parse));
    }

    @Test
    void inOrder_highestPriorityFirst_thenNeverForecast_thenOldestForecast() {
        Candidate search = candidate("AAA", InterestSource.SEARCH, null);
        Candidate watchedRecently = candidate("BBB", InterestSource.WATCHLIST, "2025-06-02T10:00:00Z");
        Candidate watchedLongAgo = candidate("CCC", InterestSource.WATCHLIST, "2025-06-01T10:00:00Z");
        Candidate watchedNever = candidate("DDD", InterestSource.WATCHLIST, null);
        Candidate portfolio = candidate("EEE", InterestSource.PORTFOLIO, "2025-06-02T10:00:00Z");

        assertThat(ForecastQueue.inOrder(List.of(search, watchedRecently, watchedLongAgo, watchedNever, portfolio)))
                .containsExactly(portfolio, watchedNever, watchedLongAgo, watchedRecently, search);
    }

    @Test
    void inOrder_equalInEverything_isBySeries() {
        Candidate b = candidate("BBB", InterestSource.API, null);
        Candidate a = candidate("AAA", InterestSource.API, null);

        assertThat(ForecastQueue.inOrder(List.of(b, a))).containsExactly(a, b);
    }
}
