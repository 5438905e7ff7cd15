package io.candlekeep.app.provider;

import io.candlekeep.core.provider.SearchOutcome;
import io.candlekeep.core.provider.SymbolSearchProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a provider's symbol search with a circuit breaker and a rate limiter of its own, for a caller who is waiting:
 * no retries, and the whole call (the wait for a permit included) stays within the caller's timeout. A circuit opened by
 * a run of failed or timed-out searches answers {@code Failed} at once for {@code waitInOpenState}, so a provider that is
 * down costs a search nothing; a rate-limited answer neither opens nor closes it. The limiter allows the provider's
 * requests per second and waits at most {@value #MAX_PERMIT_WAIT_MILLIS} ms for a permit. Requests are counted as
 * {@code candlekeep_provider_requests_total{kind="search"}} ({@code fetched} or {@code failed}) with their latency.
 */
public final class ResilientSymbolSearch implements SymbolSearchProvider, AutoCloseable {

    static final long MAX_PERMIT_WAIT_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(ResilientSymbolSearch.class);

    private final SymbolSearchProvider delegate;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final ProviderMetrics requests;

    public ResilientSymbolSearch(SymbolSearchProvider delegate, ProviderResilienceProperties properties,
            double requestsPerSecond, Clock clock, MeterRegistry registry) {
        this(delegate, properties, requestsPerSecond, clock, Sleeper.system(), registry);
    }

    public ResilientSymbolSearch(SymbolSearchProvider delegate, ProviderResilienceProperties properties,
            double requestsPerSecond, Clock clock, Sleeper sleeper, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        String name = "search-" + delegate.name();
        this.rateLimiter = RateLimiter.of(name, ResilientHistoryProvider.rateLimiterConfig(requestsPerSecond,
                Duration.ofMillis(MAX_PERMIT_WAIT_MILLIS)), this::clockNanos);
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindow(properties.slidingWindowSize(), properties.minimumNumberOfCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpenState())
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> log.info("[PROVIDER] {} search circuit {}",
                delegate.name(), event.getStateTransition()));
        this.requests = new ProviderMetrics(registry, delegate.name(), ProviderMetrics.SEARCH, List.of("fetched", "failed"));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The circuit breaker's state now. */
    public CircuitState circuitState() {
        return switch (circuitBreaker.getState()) {
            case CLOSED -> CircuitState.CLOSED;
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case DISABLED, METRICS_ONLY -> CircuitState.DISABLED;
        };
    }

    @Override
    public SearchOutcome search(String query, int limit, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        if (!circuitBreaker.tryAcquirePermission()) {
            return new SearchOutcome.Failed("Circuit open for the " + delegate.name() + " search: not asking it for '"
                    + query + "'");
        }
        long permitWait = rateLimiter.reservePermission();
        Duration left = Duration.between(clock.instant(), deadline).minusNanos(Math.max(0, permitWait));
        if (permitWait < 0 || !left.isPositive()) {
            circuitBreaker.releasePermission();
            return new SearchOutcome.Failed("Too many searches of " + delegate.name() + " at once: not asking it for '"
                    + query + "'");
        }
        if (permitWait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(permitWait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                circuitBreaker.releasePermission();
                return new SearchOutcome.Failed("Interrupted while waiting to ask " + delegate.name() + " for '" + query + "'");
            }
        }
        long started = clockNanos();
        SearchOutcome outcome;
        try {
            outcome = Objects.requireNonNull(delegate.search(query, limit, left),
                    () -> delegate.name() + " returned a null search outcome");
        } catch (RuntimeException e) {
            // a contract violation, not a provider fault
            circuitBreaker.releasePermission();
            throw e;
        }
        long elapsed = Math.max(0, clockNanos() - started);
        requests.answered(outcome instanceof SearchOutcome.Found ? "fetched" : "failed", Duration.ofNanos(elapsed));
        switch (outcome) {
            case SearchOutcome.Found f -> circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            case SearchOutcome.RateLimited r -> circuitBreaker.releasePermission();
            case SearchOutcome.Failed f -> circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS,
                    new FailedSearch(f.reason()));
        }
        return outcome;
    }

    private long clockNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Carries a {@code Failed} outcome into the circuit breaker, which counts throwables. */
    private static final class FailedSearch extends RuntimeException {
        FailedSearch(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Closes the provider it wraps when that holds resources (an HTTP client). */
    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "ResilientSymbolSearch[" + delegate.name() + ", circuit " + circuitState() + "]";
    }
}
