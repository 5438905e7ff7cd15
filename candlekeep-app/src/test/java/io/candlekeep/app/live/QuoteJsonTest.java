package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

final class QuoteJsonTest {

    private static final Instant T = Instant.parse("2026-03-02T15:30:00.123456789Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void of_fullQuote_readsBackAsTheSameQuote() {
        Quote full = new Quote(Symbol.of("AAPL"), 189.25, T, OptionalDouble.of(187.5), OptionalDouble.of(190.125),
                OptionalDouble.of(186.0), 51_234_567, OptionalDouble.of(188.0), "USD", "REGULAR");

        Quote read = QuoteJson.quote(JSON.readTree(QuoteJson.of(full)));

        assertThat(read).isEqualTo(full);
        assertThat(read.time()).isEqualTo(T);
    }

    @Test
    void of_quoteWithoutOptionalFields_keepsThemUnknown() {
        Quote bare = Quote.of(Symbol.of("EURUSD=X"), 1.0843, T);

        String json = QuoteJson.of(bare);
        Quote read = QuoteJson.quote(JSON.readTree(json));

        assertThat(json).doesNotContain("day_open", "day_volume", "currency", "market_state");
        assertThat(read.dayOpen()).isEmpty();
        assertThat(read.previousClose()).isEmpty();
        assertThat(read.findDayVolume()).isEmpty();
        assertThat(read.currency()).isNull();
        assertThat(read).isEqualTo(bare);
    }
}
