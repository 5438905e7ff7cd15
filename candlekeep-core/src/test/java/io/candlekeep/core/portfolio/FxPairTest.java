package io.candlekeep.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Symbol;
import org.junit.jupiter.api.Test;

final class FxPairTest {

    @Test
    void symbol_twoCurrencies_isYahooPairSymbol() {
        assertThat(FxPair.symbol("USD", "EUR")).contains(Symbol.of("USDEUR=X"));
    }

    @Test
    void symbol_sameCurrency_isEmptyAndTheRateIsOne() {
        assertThat(FxPair.symbol("EUR", "EUR")).isEmpty();
        assertThat(FxPair.IDENTITY_RATE).isEqualByComparingTo("1");
    }

    @Test
    void symbol_invalidCode_isRejected() {
        assertThatThrownBy(() -> FxPair.symbol("usd", "EUR")).hasMessageContaining("'from'").hasMessageContaining("'usd'");
    }
}
