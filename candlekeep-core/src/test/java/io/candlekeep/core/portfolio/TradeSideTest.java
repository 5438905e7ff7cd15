package io.candlekeep.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class TradeSideTest {

    @Test
    void of_anyCase_parses() {
        assertThat(TradeSide.of("buy")).isEqualTo(TradeSide.BUY);
        assertThat(TradeSide.of(" SELL ")).isEqualTo(TradeSide.SELL);
        assertThat(TradeSide.of("Sell")).isEqualTo(TradeSide.SELL);
    }

    @Test
    void of_unknownText_isRejectedListingAllowedValues() {
        assertThatThrownBy(() -> TradeSide.of("hold"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown trade side 'hold': use buy or sell");
        assertThatThrownBy(() -> TradeSide.of(null)).hasMessageContaining("'null'");
    }
}
