package io.candlekeep.app.provider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The requests made to one provider of one kind ({@code history}, {@code quotes} or {@code search}):
 * {@code candlekeep_provider_requests_total{provider,kind,outcome}} and their latency,
 * {@code candlekeep_provider_request_duration_seconds{provider,kind}} (a histogram, for percentiles). The meters of
 * every outcome exist from the start, at zero.
 */
final class ProviderMetrics {

    static final String HISTORY = "history";
    static final String QUOTES = "quotes";
    static final String SEARCH = "search";

    private final Map<String, Counter> requests;
    private final Timer duration;

    ProviderMetrics(MeterRegistry registry, String provider, String kind, List<String> outcomes) {
        this.requests = outcomes.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder("candlekeep.provider.requests")
                        .description("Requests to a provider (history fetches and quote batches), by outcome")
                        .tag("provider", provider)
                        .tag("kind", kind)
                        .tag("outcome", outcome)
                        .register(registry)));
        this.duration = Timer.builder("candlekeep.provider.request.duration")
                .description("How long a provider took to answer one request")
                .tag("provider", provider)
                .tag("kind", kind)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One request answered with {@code outcome} (one of those given at construction) after {@code took}. */
    void answered(String outcome, Duration took) {
        Counter counter = requests.get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("Outcome '" + outcome + "' is not one of " + requests.keySet());
        }
        counter.increment();
        duration.record(took);
    }
}
