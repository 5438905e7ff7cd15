package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.live.QuotesFetched;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A reader that reads nothing is closed with 1013 once its outbox is full, while a reader beside it gets every round
 * of quotes, during and after.
 */
final class StreamSlowConsumerIntegrationTest extends SimulatedAppTestBase {

    private static final int SYMBOLS = 30;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.stream.max-symbols", () -> "30");
        registry.add("candlekeep.stream.outbox-capacity", () -> "166");
        // quotes coalesce: what fills a stuck outbox is what does not, here heartbeats and pings
        registry.add("candlekeep.stream.heartbeat", () -> "20ms");
    }

    /** Small socket buffers on the server, so that a reader that reads nothing blocks its sends after a few messages. */
    @TestConfiguration
    static class SmallSendBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffer() {
            return connector -> connector.setProperty("socket.txBufSize", "4096");
        }
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    StreamHub hub;

    @Test
    void readerThatReadsNothing_isClosedWithTryAgainLater_whileTheOtherGetsEveryRound() throws Exception {
        List<Symbol> symbols = IntStream.range(0, SYMBOLS).mapToObj(i -> Symbol.of("SYM" + i)).toList();
        String subscribe = "{\"action\":\"subscribe\",\"symbols\":[" + String.join(",",
                symbols.stream().map(s -> "\"" + s.value() + "\"").toList()) + "]}";
        try (RawStreamSocket slow = RawStreamSocket.open(port, userToken("slow"), 4096);
                StreamClient fast = StreamClient.withHeaderToken(port, userToken("fast"))) {
            slow.sendText(subscribe);
            fast.next("authenticated");
            fast.send(subscribe);
            fast.next("subscribed");
            Eventually.await(Duration.ofSeconds(30), "both readers subscribed to every symbol",
                    () -> hub.stats().subscriptions() == 2 * SYMBOLS);

            int round = 0;
            while (hub.stats().closedTooSlow() == 0) {
                round++;
                assertThat(round).as("rounds of quotes before the reader that reads nothing is closed").isLessThan(200_000);
                int price = round;
                List<Quote> quotes = new ArrayList<>();
                symbols.forEach(s -> quotes.add(Quote.of(s, price, Instant.parse("2026-12-01T15:00:00Z").plusSeconds(price))));
                events.publishEvent(new QuotesFetched(quotes));
                Symbol last = symbols.getLast();
                fast.next(m -> m.path("type").asString().equals("quote") && m.path("symbol").asString().equals(last.value())
                        && m.path("price").asDouble() == price, "round " + round + " of quotes");
            }

            assertThat(hub.stats().closedTooSlow()).isEqualTo(1);
            Eventually.await(Duration.ofSeconds(30), "the slow reader's subscriptions dropped",
                    () -> hub.stats().subscriptions() == SYMBOLS);
            assertThat(fast.isClosed()).isFalse();
            int after = round + 1;
            events.publishEvent(new QuotesFetched(List.of(Quote.of(symbols.getFirst(), after, Instant.parse("2026-12-02T15:00:00Z")))));
            fast.next(m -> m.path("type").asString().equals("quote") && m.path("price").asDouble() == after, "a quote after");
        }
    }

    private String userToken(String name) {
        ApiClient.Response created = api.post("/api/v1/users", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("token").asString();
    }
}
