package io.candlekeep.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class ResilientHistoryProviderTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
    private static final Instant END = Instant.parse("2025-01-07T00:00:00Z");
    private static final FetchOutcome FETCHED = new FetchOutcome.Fetched(
            List.of(Bar.of(Instant.parse("2025-01-06T14:30:00Z"), 1, 2, 0.5, 1.5, 100, true)), List.of());

    private final MutableClock clock = MutableClock.at("2025-01-06T12:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void fetch_failedThenFetched_retriesUntilFetched() {
        Scripted delegate = new Scripted(failed("timeout"), failed("HTTP 503"), FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 1.0);

        FetchOutcome outcome = fetch(provider);

        assertThat(outcome).isSameAs(FETCHED);
        assertThat(delegate.calls).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void fetch_backoffCaps_doubleFromInitialUpToMaxBackoff() {
        Scripted delegate = new Scripted(failed("down"));
        ResilientHistoryProvider provider = resilient(delegate, props(5), () -> 1.0);

        fetch(provider);

        // initial 1 s, doubling, capped at 3 s
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3));
    }

    @Test
    void fetch_backoff_isAJitteredFractionOfTheCap() {
        Scripted delegate = new Scripted(failed("down"));
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 0.25);

        fetch(provider);

        assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void fetch_rateLimitedWithRetryAfter_waitsAtLeastRetryAfter() {
        Scripted delegate = new Scripted(new FetchOutcome.RateLimited(Optional.of(Duration.ofSeconds(7))), FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 0.0);

        FetchOutcome outcome = fetch(provider);

        assertThat(outcome).isSameAs(FETCHED);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void fetch_rateLimitedWithShortRetryAfter_waitsTheLongerOfRetryAfterAndBackoff() {
        Scripted delegate = new Scripted(new FetchOutcome.RateLimited(Optional.of(Duration.ofMillis(200))), FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 1.0);

        fetch(provider);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void fetch_rateLimitedWithoutRetryAfter_retriesWithBackoff() {
        Scripted delegate = new Scripted(new FetchOutcome.RateLimited(Optional.empty()), FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 0.5);

        assertThat(fetch(provider)).isSameAs(FETCHED);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void fetch_retryAfterLongerThanMaxRetryAfter_isHandedBackWithoutWaiting() {
        FetchOutcome limited = new FetchOutcome.RateLimited(Optional.of(Duration.ofMinutes(10)));
        Scripted delegate = new Scripted(limited, FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 1.0);

        assertThat(fetch(provider)).isSameAs(limited);
        assertThat(delegate.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void fetch_alwaysFailing_givesUpAfterMaxAttemptsWithTheLastOutcome() {
        Scripted delegate = new Scripted(failed("first"), failed("second"), failed("third"), failed("fourth"));
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 1.0);

        FetchOutcome outcome = fetch(provider);

        assertThat(outcome).isEqualTo(failed("third"));
        assertThat(delegate.calls).isEqualTo(3);
    }

    static Stream<FetchOutcome> answers() {
        return Stream.of(new FetchOutcome.NotFound("delisted"), new FetchOutcome.NoData("weekend"), FETCHED);
    }

    @ParameterizedTest
    @MethodSource("answers")
    void fetch_notFoundNoDataOrFetched_isNeverRetried(FetchOutcome answer) {
        Scripted delegate = new Scripted(answer, FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 1.0);

        assertThat(fetch(provider)).isSameAs(answer);
        assertThat(delegate.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void fetch_repeatedFailures_openTheCircuitWhichThenShortCircuits() {
        Scripted delegate = new Scripted(failed("down"));
        ResilientHistoryProvider provider = resilient(delegate, circuitProps(), () -> 0.0);

        for (int i = 0; i < 4; i++) {
            fetch(provider);
        }
        assertThat(provider.circuitState()).isEqualTo(CircuitState.OPEN);
        FetchOutcome refused = fetch(provider);

        assertThat(refused).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("Circuit open"));
        assertThat(delegate.calls).isEqualTo(4);
    }

    @Test
    void fetch_afterTheOpenWait_aSuccessfulTrialClosesTheCircuit() {
        Scripted delegate = new Scripted(failed("down"), failed("down"), failed("down"), failed("down"), FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, circuitProps(), () -> 0.0);
        for (int i = 0; i < 4; i++) {
            fetch(provider);
        }
        assertThat(provider.circuitState()).isEqualTo(CircuitState.OPEN);

        clock.advance(Duration.ofSeconds(59));
        assertThat(fetch(provider)).isInstanceOf(FetchOutcome.Failed.class);
        clock.advance(Duration.ofSeconds(2));
        FetchOutcome trial = fetch(provider);

        assertThat(trial).isSameAs(FETCHED);
        assertThat(provider.circuitState()).isEqualTo(CircuitState.CLOSED);
        assertThat(delegate.calls).isEqualTo(5);
    }

    @Test
    void fetch_circuitOpeningDuringRetries_returnsTheLastRealFailure() {
        Scripted delegate = new Scripted(failed("first"), failed("second"), failed("third"), failed("fourth"),
                failed("fifth"));
        ProviderResilienceProperties p = new ProviderResilienceProperties(5, Duration.ofSeconds(1),
                Duration.ofSeconds(3), 2, null, null, 50, 2, 2, Duration.ofMinutes(1), 1);
        ResilientHistoryProvider provider = resilient(delegate, p, () -> 0.0);

        FetchOutcome outcome = fetch(provider);

        assertThat(outcome).isEqualTo(failed("second"));
        assertThat(delegate.calls).isEqualTo(2);
    }

    @Test
    void fetch_rateLimitedOutcomes_doNotOpenTheCircuit() {
        Scripted delegate = new Scripted(new FetchOutcome.RateLimited(Optional.empty()));
        ResilientHistoryProvider provider = resilient(delegate, circuitProps(), () -> 0.0);

        for (int i = 0; i < 10; i++) {
            fetch(provider);
        }

        assertThat(provider.circuitState()).isEqualTo(CircuitState.CLOSED);
        assertThat(delegate.calls).isEqualTo(10);
    }

    @Test
    void fetch_burstBeyondTheProvidersRate_waitsForAPermit() {
        Scripted delegate = new Scripted(FETCHED).withRate(2);
        ResilientHistoryProvider provider = resilient(delegate, props(1), () -> 0.0);

        fetch(provider);
        fetch(provider);
        assertThat(sleeps).isEmpty();
        fetch(provider);

        assertThat(sleeps).singleElement()
                .satisfies(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(delegate.calls).isEqualTo(3);
    }

    @Test
    void fetch_permitFurtherAwayThanMaxRateLimiterWait_isRateLimitedWithoutCalling() {
        Scripted delegate = new Scripted(FETCHED).withRate(0.01);
        ProviderResilienceProperties p = new ProviderResilienceProperties(1, null, null, 0, null, Duration.ofSeconds(5),
                0, 0, 0, null, 0);
        ResilientHistoryProvider provider = resilient(delegate, p, () -> 0.0);

        assertThat(fetch(provider)).isSameAs(FETCHED);
        FetchOutcome second = fetch(provider);

        assertThat(second).isEqualTo(new FetchOutcome.RateLimited(Optional.empty()));
        assertThat(delegate.calls).isEqualTo(1);
    }

    @Test
    void fetch_interruptedWhileBackingOff_returnsTheLastOutcomeAndKeepsTheFlag() {
        Scripted delegate = new Scripted(failed("down"), FETCHED);
        ResilientHistoryProvider provider = new ResilientHistoryProvider(delegate, props(3), clock, d -> {
            throw new InterruptedException();
        }, () -> 1.0);

        FetchOutcome outcome = fetch(provider);

        assertThat(outcome).isEqualTo(failed("down"));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(delegate.calls).isEqualTo(1);
    }

    @Test
    void fetch_delegateThrowingForACallersMistake_propagatesWithoutCountingAFailure() {
        HistoryProvider throwing = new Scripted(FETCHED) {
            @Override
            public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant s, Instant e) {
                throw new IllegalArgumentException("no native " + timeframe);
            }
        };
        ResilientHistoryProvider provider = resilient(throwing, circuitProps(), () -> 0.0);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> fetch(provider)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(provider.circuitState()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void fetch_eachCall_isCountedWithItsOutcomeAndLatency_andTheCircuitIsAGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Scripted delegate = new Scripted(FETCHED, new FetchOutcome.RateLimited(Optional.empty()), failed("down"))
                .taking(Duration.ofMillis(250), clock);
        ResilientHistoryProvider provider = new ResilientHistoryProvider(delegate, circuitProps(), clock, sleeper,
                () -> 0.0, registry);
        assertThat(registry.get("candlekeep.provider.circuit.state").tag("provider", "scripted").gauge().value())
                .isZero();

        // fetched, rate limited (not judged by the circuit), three failures: the circuit opens; the sixth is refused
        for (int i = 0; i < 6; i++) {
            fetch(provider);
        }

        assertThat(requests(registry, "fetched")).isEqualTo(1);
        assertThat(requests(registry, "rate_limited")).isEqualTo(1);
        assertThat(requests(registry, "failed")).isEqualTo(3);
        assertThat(requests(registry, "no_data")).isZero();
        Timer latency = registry.get("candlekeep.provider.request.duration").tags("provider", "scripted", "kind",
                "history").timer();
        assertThat(latency.count()).isEqualTo(5);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5 * 250.0);
        assertThat(rateLimitWaits(registry, "provider")).isEqualTo(1);
        assertThat(rateLimitWaits(registry, "local")).isZero();
        assertThat(registry.get("candlekeep.provider.circuit.refused").tag("provider", "scripted").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("candlekeep.provider.circuit.state").tag("provider", "scripted").gauge().value())
                .isEqualTo(2);
    }

    @Test
    void fetch_heldBackByItsOwnRateLimiter_countsALocalRateLimitWait() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Scripted delegate = new Scripted(FETCHED).withRate(2);
        ResilientHistoryProvider provider = new ResilientHistoryProvider(delegate, props(1), clock, sleeper, () -> 0.0,
                registry);

        for (int i = 0; i < 3; i++) {
            fetch(provider);
        }

        assertThat(rateLimitWaits(registry, "local")).isEqualTo(1);
        assertThat(rateLimitWaits(registry, "provider")).isZero();
        assertThat(requests(registry, "fetched")).isEqualTo(3);
    }

    private static double requests(SimpleMeterRegistry registry, String outcome) {
        return registry.get("candlekeep.provider.requests")
                .tags("provider", "scripted", "kind", "history", "outcome", outcome).counter().count();
    }

    private static double rateLimitWaits(SimpleMeterRegistry registry, String limiter) {
        return registry.get("candlekeep.provider.rate.limit.waits").tags("provider", "scripted", "limiter", limiter)
                .counter().count();
    }

    @Test
    void nameAndCapabilities_areTheDelegates() {
        Scripted delegate = new Scripted(FETCHED);
        ResilientHistoryProvider provider = resilient(delegate, props(3), () -> 0.0);

        assertThat(provider.name()).isEqualTo("scripted");
        assertThat(provider.capabilities()).isSameAs(delegate.capabilities());
        assertThat(provider.delegate()).isSameAs(delegate);
    }

    @Test
    void rateLimiterConfig_givesExactlyTheRequestedRate() {
        RateLimiterConfig slow = ResilientHistoryProvider.rateLimiterConfig(0.5, Duration.ZERO);
        RateLimiterConfig fractional = ResilientHistoryProvider.rateLimiterConfig(2.5, Duration.ZERO);

        assertThat(slow.getLimitForPeriod()).isEqualTo(1);
        assertThat(slow.getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(fractional.getLimitForPeriod()).isEqualTo(2);
        assertThat(fractional.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(800));
    }

    private FetchOutcome fetch(ResilientHistoryProvider provider) {
        return provider.fetch(AAPL, Timeframe.D1, START, END);
    }

    private ResilientHistoryProvider resilient(HistoryProvider delegate, ProviderResilienceProperties p,
            DoubleSupplier jitter) {
        return new ResilientHistoryProvider(delegate, p, clock, sleeper, jitter);
    }

    /** Backoff caps 1 s, 2 s, then 3 s; Retry-After honoured up to 60 s. */
    private static ProviderResilienceProperties props(int maxAttempts) {
        return new ProviderResilienceProperties(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(3), 2,
                Duration.ofSeconds(60), null, 0, 0, 0, null, 0);
    }

    /** One attempt per fetch; the circuit judges 4 calls, opens at 50 % failed, waits 60 s, one trial call. */
    private static ProviderResilienceProperties circuitProps() {
        return new ProviderResilienceProperties(1, null, null, 0, null, null, 50, 4, 4, Duration.ofSeconds(60), 1);
    }

    private static FetchOutcome failed(String reason) {
        return new FetchOutcome.Failed(reason);
    }

    /** Answers from a script, repeating the last answer once the script runs out. */
    private static class Scripted implements HistoryProvider {
        private final Deque<FetchOutcome> script;
        private FetchOutcome last;
        private ProviderCapabilities capabilities = capabilities(1000);
        private Duration took = Duration.ZERO;
        private MutableClock clock;
        int calls;

        Scripted(FetchOutcome... outcomes) {
            this.script = new ArrayDeque<>(List.of(outcomes));
        }

        /** Each call moves {@code clock} on by {@code took}, as a provider answering that slowly would. */
        Scripted taking(Duration took, MutableClock clock) {
            this.took = took;
            this.clock = clock;
            return this;
        }

        Scripted withRate(double requestsPerSecond) {
            capabilities = capabilities(requestsPerSecond);
            return this;
        }

        private static ProviderCapabilities capabilities(double requestsPerSecond) {
            return new ProviderCapabilities(Set.of(AssetClass.STOCK), Set.of(Timeframe.D1), Map.of(),
                    Map.of(Timeframe.D1, Duration.ofDays(365)), requestsPerSecond);
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
            calls++;
            if (clock != null) {
                clock.advance(took);
            }
            if (!script.isEmpty()) {
                last = script.poll();
            }
            return last;
        }
    }
}
