package io.candlekeep.app.provider;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A quote provider whose requests are counted like the history providers' ({@link ProviderMetrics}, kind
 * {@code quotes}): {@code fetched}, {@code not_found} (no symbol known), or {@code failed} (some or all unanswered).
 * Closes the provider it wraps when that holds resources.
 */
final class MeteredQuoteProvider implements QuoteProvider, AutoCloseable {

    private final QuoteProvider delegate;
    private final Clock clock;
    private final ProviderMetrics metrics;

    MeteredQuoteProvider(QuoteProvider delegate, Clock clock, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new ProviderMetrics(registry, delegate.name(), ProviderMetrics.QUOTES,
                List.of("fetched", "not_found", "failed"));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<AssetClass> assetClasses() {
        return delegate.assetClasses();
    }

    @Override
    public int maxBatchSize() {
        return delegate.maxBatchSize();
    }

    @Override
    public QuoteBatch quotes(List<Symbol> symbols) {
        Instant started = clock.instant();
        String outcome = "failed";
        try {
            QuoteBatch answer = delegate.quotes(symbols);
            outcome = answer.failure().isPresent() ? "failed"
                    : answer.quotes().isEmpty() && !answer.notFound().isEmpty() ? "not_found" : "fetched";
            return answer;
        } finally {
            // a provider that throws breaks its contract; it is counted as failed all the same
            metrics.answered(outcome, Duration.between(started, clock.instant()));
        }
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
