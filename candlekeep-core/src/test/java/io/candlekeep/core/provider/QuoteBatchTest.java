package io.candlekeep.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class QuoteBatchTest {

    private static final Instant T = Instant.parse("2025-02-14T21:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");
    private static final Symbol ZZZ = Symbol.of("ZZZ");

    @Test
    void merge_twoPartialAnswers_keepsEveryQuoteAndJoinsFailures() {
        QuoteBatch first = new QuoteBatch(Map.of(AAPL, Quote.of(AAPL, 1, T)), Set.of(ZZZ), Optional.of("HTTP 500"));
        QuoteBatch second = new QuoteBatch(Map.of(MSFT, Quote.of(MSFT, 2, T)), Set.of(), Optional.of("HTTP 429"));

        QuoteBatch merged = first.merge(second);

        assertThat(merged.quotes()).containsOnlyKeys(AAPL, MSFT);
        assertThat(merged.notFound()).containsExactly(ZZZ);
        assertThat(merged.failure()).contains("HTTP 500; HTTP 429");
    }

    @Test
    void merge_withoutFailures_hasNoFailure() {
        QuoteBatch merged = QuoteBatch.of(List.of(Quote.of(AAPL, 1, T)), List.of())
                .merge(QuoteBatch.of(List.of(), List.of(ZZZ)));

        assertThat(merged.failure()).isEmpty();
        assertThat(merged.findQuote(AAPL)).isPresent();
        assertThat(merged.findQuote(ZZZ)).isEmpty();
    }

    @Test
    void merge_symbolNotFoundInOneAndQuotedInTheOther_isQuoted() {
        QuoteBatch merged = QuoteBatch.of(List.of(), List.of(AAPL)).merge(QuoteBatch.of(List.of(Quote.of(AAPL, 1, T)), List.of()));

        assertThat(merged.quotes()).containsOnlyKeys(AAPL);
        assertThat(merged.notFound()).isEmpty();
    }

    @Test
    void unanswered_listsRequestedSymbolsInNeitherSet() {
        QuoteBatch batch = new QuoteBatch(Map.of(AAPL, Quote.of(AAPL, 1, T)), Set.of(ZZZ), Optional.of("timeout"));

        assertThat(batch.unanswered(List.of(AAPL, MSFT, ZZZ, MSFT))).containsExactly(MSFT);
    }

    @Test
    void new_quoteFiledUnderAnotherSymbol_isRejectedNamingBoth() {
        assertThatThrownBy(() -> new QuoteBatch(Map.of(MSFT, Quote.of(AAPL, 1, T)), Set.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'AAPL'").hasMessageContaining("'MSFT'");
    }

    @Test
    void new_symbolBothQuotedAndNotFound_isRejected() {
        assertThatThrownBy(() -> new QuoteBatch(Map.of(AAPL, Quote.of(AAPL, 1, T)), Set.of(AAPL), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'AAPL'");
    }

    @Test
    void quote_nonFinitePrice_isRejectedQuotingIt() {
        assertThatThrownBy(() -> Quote.of(AAPL, Double.NaN, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN").hasMessageContaining("'AAPL'");
    }

    @Test
    void quote_negativeDayVolume_isRejected() {
        assertThatThrownBy(() -> new Quote(AAPL, 1, T, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), -5, OptionalDouble.empty(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    }

    @Test
    void findDayVolume_nanVolume_isEmpty() {
        assertThat(Quote.of(AAPL, 1, T).findDayVolume()).isEmpty();
        assertThat(new Quote(AAPL, 1, T, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 7,
                OptionalDouble.empty(), "USD", "REGULAR").findDayVolume()).hasValue(7);
    }
}
