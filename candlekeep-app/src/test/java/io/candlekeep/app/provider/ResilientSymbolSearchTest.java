package io.candlekeep.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import io.candlekeep.core.provider.SearchOutcome;
import io.candlekeep.core.provider.SymbolSearchProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ResilientSymbolSearchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MutableClock clock = MutableClock.at("2026-03-02T15:00:00Z");
    /** Four calls judged, two failures open the circuit for a minute. */
    private final ProviderResilienceProperties properties = new ProviderResilienceProperties(0, null, null, 0, null, null,
            50, 4, 4, Duration.ofMinutes(1), 1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Answers the scripted outcomes in order, and records each call's timeout. */
    private static final class Scripted implements SymbolSearchProvider {
        final Deque<SearchOutcome> outcomes = new ArrayDeque<>();
        final List<Duration> timeouts = new ArrayList<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public SearchOutcome search(String query, int limit, Duration timeout) {
            timeouts.add(timeout);
            return outcomes.isEmpty() ? new SearchOutcome.Found(List.of()) : outcomes.removeFirst();
        }
    }

    private final Scripted provider = new Scripted();

    private ResilientSymbolSearch search(double requestsPerSecond) {
        return new ResilientSymbolSearch(provider, properties, requestsPerSecond, clock, clock::advance, registry);
    }

    @Test
    void search_runOfFailures_opensTheCircuit_whichAnswersWithoutAskingTheProvider() {
        ResilientSymbolSearch search = search(100);
        for (int i = 0; i < 4; i++) {
            provider.outcomes.add(new SearchOutcome.Failed("HTTP 503"));
            assertThat(search.search("apple", 10, TIMEOUT)).isEqualTo(new SearchOutcome.Failed("HTTP 503"));
        }

        SearchOutcome refused = search.search("apple", 10, TIMEOUT);

        assertThat(search.circuitState()).isEqualTo(CircuitState.OPEN);
        assertThat(refused).isInstanceOf(SearchOutcome.Failed.class);
        assertThat(((SearchOutcome.Failed) refused).reason()).contains("Circuit open").contains("scripted");
        assertThat(provider.timeouts).hasSize(4);
        assertThat(registry.get("candlekeep.provider.requests").tag("kind", "search").tag("outcome", "failed")
                .counter().count()).isEqualTo(4);
    }

    @Test
    void search_openCircuitAfterItsWait_asksAgain_andASuccessClosesIt() {
        ResilientSymbolSearch search = search(100);
        for (int i = 0; i < 4; i++) {
            provider.outcomes.add(new SearchOutcome.Failed("timeout"));
            search.search("apple", 10, TIMEOUT);
        }
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Listing aapl = Listing.of(Symbol.of("AAPL"));
        provider.outcomes.add(new SearchOutcome.Found(List.of(aapl)));

        assertThat(search.search("apple", 10, TIMEOUT)).isEqualTo(new SearchOutcome.Found(List.of(aapl)));
        assertThat(search.circuitState()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void search_rateLimitedAnswers_doNotOpenTheCircuit() {
        ResilientSymbolSearch search = search(100);
        for (int i = 0; i < 6; i++) {
            provider.outcomes.add(new SearchOutcome.RateLimited(Optional.of(Duration.ofSeconds(30))));
            assertThat(search.search("apple", 10, TIMEOUT)).isInstanceOf(SearchOutcome.RateLimited.class);
        }

        assertThat(search.circuitState()).isEqualTo(CircuitState.CLOSED);
        assertThat(provider.timeouts).hasSize(6);
    }

    @Test
    void search_waitingForAPermit_leavesTheProviderWhatRemainsOfTheTimeout() {
        ResilientSymbolSearch search = search(1);

        search.search("apple", 10, TIMEOUT);
        search.search("apple inc", 10, TIMEOUT);

        assertThat(provider.timeouts.get(0)).isEqualTo(TIMEOUT);
        assertThat(provider.timeouts.get(1)).isPositive().isLessThanOrEqualTo(TIMEOUT.minusMillis(500));
    }

    @Test
    void search_noPermitWithinTheWait_isRefusedWithoutAskingTheProvider() {
        ResilientSymbolSearch search = new ResilientSymbolSearch(provider, properties, 0.1, clock, d -> {
        }, registry);

        search.search("apple", 10, TIMEOUT);
        SearchOutcome refused = search.search("apple inc", 10, TIMEOUT);

        assertThat(refused).isInstanceOf(SearchOutcome.Failed.class);
        assertThat(((SearchOutcome.Failed) refused).reason()).contains("Too many searches");
        assertThat(provider.timeouts).hasSize(1);
    }
}
