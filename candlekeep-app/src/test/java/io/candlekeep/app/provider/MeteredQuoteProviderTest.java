package io.candlekeep.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.app.testing.ScriptedQuotes;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class MeteredQuoteProviderTest {

    private static final Symbol AAPL = Symbol.of("AAPL");

    private final MutableClock clock = MutableClock.at("2025-01-06T15:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void quotes_eachAnswer_isCountedByOutcomeWithItsLatency() {
        Deque<QuoteBatch> answers = new ArrayDeque<>(List.of(
                QuoteBatch.of(List.of(Quote.of(AAPL, 190.0, clock.instant())), List.of()),
                QuoteBatch.of(List.of(), List.of(AAPL)),
                QuoteBatch.failed("HTTP 503")));
        MeteredQuoteProvider provider = new MeteredQuoteProvider(scripted(() -> {
            clock.advance(Duration.ofMillis(100));
            return answers.poll();
        }), clock, registry);

        for (int i = 0; i < 3; i++) {
            provider.quotes(List.of(AAPL));
        }

        assertThat(requests("fetched")).isEqualTo(1);
        assertThat(requests("not_found")).isEqualTo(1);
        assertThat(requests("failed")).isEqualTo(1);
        assertThat(registry.get("candlekeep.provider.request.duration").tags("provider", "scripted", "kind", "quotes")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300.0);
    }

    @Test
    void quotes_providerThrowing_isCountedAsFailedAndPropagates() {
        MeteredQuoteProvider provider = new MeteredQuoteProvider(scripted(() -> {
            throw new IllegalStateException("broken contract");
        }), clock, registry);

        assertThatThrownBy(() -> provider.quotes(List.of(AAPL))).hasMessage("broken contract");
        assertThat(requests("failed")).isEqualTo(1);
    }

    private double requests(String outcome) {
        return registry.get("candlekeep.provider.requests").tags("provider", "scripted", "kind", "quotes", "outcome",
                outcome).counter().count();
    }

    private static QuoteProvider scripted(Supplier<QuoteBatch> answer) {
        return ScriptedQuotes.of("scripted", 50, symbols -> answer.get());
    }
}
