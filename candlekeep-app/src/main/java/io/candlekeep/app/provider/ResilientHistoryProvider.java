package io.candlekeep.app.provider;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps one provider with its own rate limiter (from {@code capabilities().requestsPerSecond()}), a circuit
 * breaker that opens on a run of {@code Failed} outcomes, and retries with exponential backoff and full
 * jitter for {@code Failed} and {@code RateLimited}. {@code NotFound} and {@code NoData} are answers, not
 * faults: they are returned at once and count as successes for the circuit. A {@code RateLimited} neither
 * opens nor closes the circuit.
 *
 * <p>Retries are a plain loop rather than Resilience4j's Retry because outcomes are values, not exceptions, and
 * every wait has to go through the injected {@link Sleeper}. All time comes from the injected {@link Clock},
 * including the rate limiter's and the circuit breaker's.
 *
 * <p>Every call that reaches the provider is counted with its outcome and latency ({@link ProviderMetrics}); besides,
 * {@code candlekeep_provider_circuit_state{provider}} (0 closed, 1 half-open, 2 open),
 * {@code candlekeep_provider_circuit_refused_total{provider}} (calls the open circuit answered itself) and
 * {@code candlekeep_provider_rate_limit_waits_total{provider,limiter}}: {@code local} when this provider's own rate
 * limiter held a call back (waiting for a permit, or refusing it when the wait would be too long), {@code provider}
 * when the provider answered rate limited (Yahoo's 429; Binance's 429 or 418, or its weight budget spent).
 */
public final class ResilientHistoryProvider implements HistoryProvider {

    private static final Logger log = LoggerFactory.getLogger(ResilientHistoryProvider.class);
    /** The outcomes of a fetch as the requests counter names them. */
    private static final List<String> OUTCOMES = List.of("fetched", "no_data", "not_found", "rate_limited", "failed");

    private final HistoryProvider delegate;
    private final ProviderResilienceProperties properties;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final ProviderMetrics requests;
    private final Counter circuitRefused;
    private final Counter localRateLimitWaits;
    private final Counter providerRateLimitWaits;

    /** Real sleeping and real randomness; its meters in a registry of their own, which nothing reads. */
    public ResilientHistoryProvider(HistoryProvider delegate, ProviderResilienceProperties properties, Clock clock) {
        this(delegate, properties, clock, new SimpleMeterRegistry());
    }

    /** Real sleeping and real randomness; its meters in {@code registry}. */
    public ResilientHistoryProvider(HistoryProvider delegate, ProviderResilienceProperties properties, Clock clock,
            MeterRegistry registry) {
        this(delegate, properties, clock, Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble(), registry);
    }

    /**
     * @param jitter a source of uniform values in {@code [0, 1]}; each retry waits that fraction of its cap
     */
    public ResilientHistoryProvider(HistoryProvider delegate, ProviderResilienceProperties properties, Clock clock,
            Sleeper sleeper, DoubleSupplier jitter) {
        this(delegate, properties, clock, sleeper, jitter, new SimpleMeterRegistry());
    }

    /** As above, its meters in {@code registry}. */
    public ResilientHistoryProvider(HistoryProvider delegate, ProviderResilienceProperties properties, Clock clock,
            Sleeper sleeper, DoubleSupplier jitter, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        String name = "provider-" + delegate.name();
        this.rateLimiter = RateLimiter.of(name,
                rateLimiterConfig(delegate.capabilities().requestsPerSecond(), properties.maxRateLimiterWait()),
                this::clockNanos);
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindow(properties.slidingWindowSize(), properties.minimumNumberOfCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpenState())
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                log.warn("[PROVIDER] {} circuit opened: too many failed calls; refusing calls for {}", delegate.name(),
                        properties.waitInOpenState());
            } else {
                log.info("[PROVIDER] {} circuit {}", delegate.name(), event.getStateTransition());
            }
        });
        String provider = delegate.name();
        this.requests = new ProviderMetrics(registry, provider, ProviderMetrics.HISTORY, OUTCOMES);
        Gauge.builder("candlekeep.provider.circuit.state", this, p -> p.circuitState().level())
                .description("The provider's circuit: 0 closed, 1 half-open, 2 open")
                .tag("provider", provider)
                .register(registry);
        this.circuitRefused = Counter.builder("candlekeep.provider.circuit.refused")
                .description("Calls the provider's open circuit answered without calling it")
                .tag("provider", provider)
                .register(registry);
        this.localRateLimitWaits = rateLimitWaits(registry, provider, "local");
        this.providerRateLimitWaits = rateLimitWaits(registry, provider, "provider");
    }

    private static Counter rateLimitWaits(MeterRegistry registry, String provider, String limiter) {
        return Counter.builder("candlekeep.provider.rate.limit.waits")
                .description("Calls held back by a rate limit: this service's own (local) or the provider's")
                .tag("provider", provider)
                .tag("limiter", limiter)
                .register(registry);
    }

    private static String outcomeName(FetchOutcome outcome) {
        return switch (outcome) {
            case FetchOutcome.Fetched f -> "fetched";
            case FetchOutcome.NoData n -> "no_data";
            case FetchOutcome.NotFound n -> "not_found";
            case FetchOutcome.RateLimited r -> "rate_limited";
            case FetchOutcome.Failed f -> "failed";
        };
    }

    /**
     * A permit schedule that gives exactly {@code requestsPerSecond}: whole permits per second when it is at
     * least one, else one permit per {@code 1/requestsPerSecond} seconds.
     */
    static RateLimiterConfig rateLimiterConfig(double requestsPerSecond, Duration maxWait) {
        int limit = requestsPerSecond >= 1 ? (int) Math.min(Math.floor(requestsPerSecond), Integer.MAX_VALUE) : 1;
        long periodNanos = Math.max(1, Math.round(limit * 1e9 / requestsPerSecond));
        return RateLimiterConfig.custom()
                .limitForPeriod(limit)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(maxWait)
                .build();
    }

    private long clockNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return delegate.capabilities();
    }

    /** The wrapped provider. */
    public HistoryProvider delegate() {
        return delegate;
    }

    /** The circuit breaker's state now; an open circuit turns half-open on the first call after its wait. */
    public CircuitState circuitState() {
        return switch (circuitBreaker.getState()) {
            case CLOSED -> CircuitState.CLOSED;
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case DISABLED, METRICS_ONLY -> CircuitState.DISABLED;
        };
    }

    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        int maxAttempts = properties.maxAttempts();
        FetchOutcome last = null;
        for (int attempt = 1; ; attempt++) {
            FetchOutcome outcome = attempt(symbol, timeframe, startInclusive, endExclusive);
            if (outcome == null) {
                // circuit refused: after a failed attempt its reason says more than "circuit open"
                return last != null ? last : new FetchOutcome.Failed("Circuit open for provider " + delegate.name()
                        + ": not calling it for '" + symbol + "' " + timeframe);
            }
            last = outcome;
            Optional<Duration> wait = retryWait(outcome, attempt);
            if (wait.isEmpty() || attempt >= maxAttempts) {
                return outcome;
            }
            log.debug("[PROVIDER] {} '{}' {} attempt {}/{}: {}; retrying in {}", delegate.name(), symbol, timeframe,
                    attempt, maxAttempts, outcome, wait.get());
            if (!sleep(wait.get())) {
                return outcome;
            }
        }
    }

    /** How long to wait before trying again, or empty when {@code outcome} is final. */
    private Optional<Duration> retryWait(FetchOutcome outcome, int attempt) {
        return switch (outcome) {
            case FetchOutcome.Fetched f -> Optional.empty();
            case FetchOutcome.NoData n -> Optional.empty();
            case FetchOutcome.NotFound n -> Optional.empty();
            case FetchOutcome.Failed f -> Optional.of(backoff(attempt));
            case FetchOutcome.RateLimited(Optional<Duration> retryAfter) when retryAfter.isEmpty() ->
                    Optional.of(backoff(attempt));
            // Waiting out a long Retry-After would pin a worker thread; the caller reschedules instead.
            case FetchOutcome.RateLimited(Optional<Duration> retryAfter) when retryAfter.get()
                    .compareTo(properties.maxRetryAfter()) > 0 -> Optional.empty();
            case FetchOutcome.RateLimited(Optional<Duration> retryAfter) ->
                    Optional.of(max(retryAfter.get(), backoff(attempt)));
        };
    }

    /** One guarded call; null when the circuit refuses it. */
    private FetchOutcome attempt(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        if (!circuitBreaker.tryAcquirePermission()) {
            circuitRefused.increment();
            return null;
        }
        long permitWait = rateLimiter.reservePermission();
        if (permitWait != 0) {
            localRateLimitWaits.increment();
        }
        if (permitWait < 0) {
            circuitBreaker.releasePermission();
            return new FetchOutcome.RateLimited(Optional.empty());
        }
        if (permitWait > 0 && !sleep(Duration.ofNanos(permitWait))) {
            circuitBreaker.releasePermission();
            return new FetchOutcome.Failed("Interrupted while waiting for a " + delegate.name() + " rate-limit permit");
        }
        long startNanos = clockNanos();
        FetchOutcome outcome;
        try {
            outcome = Objects.requireNonNull(delegate.fetch(symbol, timeframe, startInclusive, endExclusive),
                    () -> delegate.name() + " returned a null outcome");
        } catch (RuntimeException e) {
            // a contract violation or a caller's mistake (a non-native timeframe): not a provider fault
            circuitBreaker.releasePermission();
            throw e;
        }
        long elapsed = Math.max(0, clockNanos() - startNanos);
        requests.answered(outcomeName(outcome), Duration.ofNanos(elapsed));
        if (outcome instanceof FetchOutcome.RateLimited) {
            providerRateLimitWaits.increment();
        }
        switch (outcome) {
            case FetchOutcome.Failed f -> circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new FailedOutcome(f.reason()));
            case FetchOutcome.RateLimited r -> circuitBreaker.releasePermission();
            case FetchOutcome.Fetched f -> circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            case FetchOutcome.NoData n -> circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            case FetchOutcome.NotFound n -> circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
        return outcome;
    }

    /** Full jitter: uniform in {@code [0, min(maxBackoff, initialBackoff * multiplier^(attempt-1))]}. */
    private Duration backoff(int attempt) {
        double capNanos = Math.min(properties.maxBackoff().toNanos(),
                properties.initialBackoff().toNanos() * Math.pow(properties.backoffMultiplier(), attempt - 1));
        double fraction = Math.clamp(jitter.getAsDouble(), 0.0, 1.0);
        return Duration.ofNanos(Math.round(capNanos * fraction));
    }

    /** Sleeps; false when interrupted (the flag is kept set for the caller). */
    private boolean sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Carries a {@code Failed} outcome into the circuit breaker, which counts throwables. */
    private static final class FailedOutcome extends RuntimeException {
        FailedOutcome(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "ResilientHistoryProvider[" + delegate.name() + ", circuit " + circuitState() + "]";
    }
}
