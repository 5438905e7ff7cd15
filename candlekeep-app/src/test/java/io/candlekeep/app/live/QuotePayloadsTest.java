package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.store.NotificationSender;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class QuotePayloadsTest {

    private static final Instant T = Instant.parse("2026-03-02T15:30:00.123456789Z");

    @Test
    void encode_fullQuote_decodesToTheSameQuote() {
        Quote full = new Quote(Symbol.of("AAPL"), 189.25, T, OptionalDouble.of(187.5), OptionalDouble.of(190.125),
                OptionalDouble.of(186.0), 51_234_567, OptionalDouble.of(188.0), "USD", "REGULAR");

        List<String> payloads = QuotePayloads.encode("instance-1", List.of(full), NotificationSender.MAX_PAYLOAD_BYTES);

        assertThat(payloads).hasSize(1);
        QuotePayloads.Received received = QuotePayloads.decode(payloads.getFirst());
        assertThat(received.origin()).isEqualTo("instance-1");
        assertThat(received.quotes()).containsExactly(full);
    }

    @Test
    void encode_quoteWithoutOptionalFields_keepsThemUnknown() {
        Quote bare = Quote.of(Symbol.of("EURUSD=X"), 1.0843, T);

        Quote decoded = QuotePayloads.decode(QuotePayloads.encode("o", List.of(bare), 8000).getFirst()).quotes().getFirst();

        assertThat(decoded.dayOpen()).isEmpty();
        assertThat(decoded.previousClose()).isEmpty();
        assertThat(decoded.findDayVolume()).isEmpty();
        assertThat(decoded.currency()).isNull();
        assertThat(decoded).isEqualTo(bare);
    }

    @Test
    void encode_moreThanOnePayloadHolds_splitsInOrderWithinTheLimit() {
        List<Quote> quotes = IntStream.range(0, 500)
                .mapToObj(i -> new Quote(Symbol.of("SYMBOL" + i), 100 + i / 7.0, T.plusSeconds(i), OptionalDouble.of(99.5),
                        OptionalDouble.of(120.75), OptionalDouble.of(98.25), 1_000_000 + i, OptionalDouble.of(101.0),
                        "USD", "REGULAR"))
                .toList();

        List<String> payloads = QuotePayloads.encode("origin", quotes, NotificationSender.MAX_PAYLOAD_BYTES);

        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p ->
                assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NotificationSender.MAX_PAYLOAD_BYTES));
        List<Quote> decoded = new ArrayList<>();
        payloads.forEach(p -> decoded.addAll(QuotePayloads.decode(p).quotes()));
        assertThat(decoded).containsExactlyElementsOf(quotes);
    }

    @Test
    void encode_noQuotes_isNoPayload() {
        assertThat(QuotePayloads.encode("origin", List.of(), 8000)).isEmpty();
    }

    @Test
    void encode_limitBelowOneQuote_isRefused() {
        assertThatThrownBy(() -> QuotePayloads.encode("origin", List.of(Quote.of(Symbol.of("AAPL"), 1, T)), 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'AAPL'");
    }
}
