package io.candlekeep.app.provider;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How hard {@link ResilientHistoryProvider} tries. A zero number or null duration means "unset" and takes the
 * default, because Spring binds absent properties that way; {@link #defaults()} gives them all in plain Java.
 *
 * @param maxAttempts                   calls per fetch, the first one included
 * @param initialBackoff                cap of the first retry's random wait; each further retry multiplies it
 * @param maxBackoff                    the cap never grows past this
 * @param backoffMultiplier             growth of the cap per retry
 * @param maxRetryAfter                 a provider's {@code Retry-After} longer than this is not waited out in the
 *                                      calling thread: the {@code RateLimited} goes back to the caller to reschedule
 * @param maxRateLimiterWait            longest wait for a permit of the local rate limiter before answering
 *                                      {@code RateLimited}
 * @param failureRateThreshold          percentage of failed calls in the window that opens the circuit
 * @param slidingWindowSize             how many recent calls the circuit judges
 * @param minimumNumberOfCalls          calls needed before the circuit judges at all
 * @param waitInOpenState               how long an open circuit refuses calls before trying again
 * @param permittedCallsInHalfOpenState trial calls after the wait
 */
@ConfigurationProperties(prefix = "candlekeep.providers.resilience")
public record ProviderResilienceProperties(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double backoffMultiplier,
        Duration maxRetryAfter,
        Duration maxRateLimiterWait,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitInOpenState,
        int permittedCallsInHalfOpenState) {

    public ProviderResilienceProperties {
        maxAttempts = maxAttempts == 0 ? 3 : maxAttempts;
        initialBackoff = Objects.requireNonNullElse(initialBackoff, Duration.ofSeconds(1));
        maxBackoff = Objects.requireNonNullElse(maxBackoff, Duration.ofSeconds(30));
        backoffMultiplier = backoffMultiplier == 0 ? 2.0 : backoffMultiplier;
        maxRetryAfter = Objects.requireNonNullElse(maxRetryAfter, Duration.ofSeconds(60));
        maxRateLimiterWait = Objects.requireNonNullElse(maxRateLimiterWait, Duration.ofSeconds(30));
        failureRateThreshold = failureRateThreshold == 0 ? 50f : failureRateThreshold;
        slidingWindowSize = slidingWindowSize == 0 ? 10 : slidingWindowSize;
        minimumNumberOfCalls = minimumNumberOfCalls == 0 ? Math.min(5, slidingWindowSize) : minimumNumberOfCalls;
        waitInOpenState = Objects.requireNonNullElse(waitInOpenState, Duration.ofSeconds(60));
        permittedCallsInHalfOpenState = permittedCallsInHalfOpenState == 0 ? 2 : permittedCallsInHalfOpenState;

        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
        }
        requireNotNegative("initialBackoff", initialBackoff);
        requireNotNegative("maxBackoff", maxBackoff);
        requireNotNegative("maxRetryAfter", maxRetryAfter);
        requireNotNegative("maxRateLimiterWait", maxRateLimiterWait);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (!(backoffMultiplier >= 1) || Double.isInfinite(backoffMultiplier)) {
            throw new IllegalArgumentException("backoffMultiplier must be >= 1 but was " + backoffMultiplier);
        }
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("failureRateThreshold must be in (0, 100] but was " + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new IllegalArgumentException("slidingWindowSize must be >= 1 but was " + slidingWindowSize);
        }
        if (minimumNumberOfCalls < 1 || minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumNumberOfCalls must be in [1, slidingWindowSize=" + slidingWindowSize
                    + "] but was " + minimumNumberOfCalls);
        }
        if (!waitInOpenState.isPositive()) {
            throw new IllegalArgumentException("waitInOpenState must be > 0 but was " + waitInOpenState);
        }
        if (permittedCallsInHalfOpenState < 1) {
            throw new IllegalArgumentException("permittedCallsInHalfOpenState must be >= 1 but was "
                    + permittedCallsInHalfOpenState);
        }
    }

    /** 3 attempts, backoff caps 1 s doubling to 30 s, Retry-After up to 60 s, circuit opens at 50 % of 10 calls for 60 s. */
    public static ProviderResilienceProperties defaults() {
        return new ProviderResilienceProperties(0, null, null, 0, null, null, 0, 0, 0, null, 0);
    }

    private static void requireNotNegative(String name, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + d);
        }
    }
}
