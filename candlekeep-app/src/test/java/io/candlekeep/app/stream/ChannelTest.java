package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class ChannelTest {

    @Test
    void of_quoteAndEveryBarTimeframe_roundTrips() {
        assertThat(Channel.of("quote")).isEqualTo(Channel.QUOTE);
        for (Timeframe tf : Timeframe.values()) {
            Channel c = Channel.of("bar:" + tf.code());
            assertThat(c.timeframe()).isEqualTo(tf);
            assertThat(Channel.of(c.code())).isEqualTo(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "quotes", "bar:", "bar:5m", "BAR:1h", "bar:15m:x"})
    void of_unknown_namesTheChoices(String text) {
        assertThatThrownBy(() -> Channel.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use quote, bar:15m, bar:1h, bar:4h or bar:1d");
    }

    @Test
    void of_null_isRefused() {
        assertThatThrownBy(() -> Channel.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
