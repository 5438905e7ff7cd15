package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A symbol someone is subscribed to is refreshed on its own, more often than the live refresh (whose next run here
 * is 15 minutes away; the simulated ticks are off in the tests): its subscriber gets quote after quote.
 */
final class SubscribedRefreshIntegrationTest extends SimulatedAppTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.stream.subscribed-refresh", () -> "200ms");
    }

    @Test
    void subscribedSymbol_isRefreshedOnItsOwn_andEachNewQuotePushed() {
        try (StreamClient client = StreamClient.withHeaderToken(port, ApiClient.ADMIN_TOKEN)) {
            client.next("authenticated");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"ETH-USD\"]}");
            client.next("subscribed");

            JsonNode first = client.next("quote");
            JsonNode second = client.next("quote");
            assertThat(second.get("symbol").asString()).isEqualTo("ETH-USD");
            assertThat(Instant.parse(second.get("time").asString())).as("a new quote, not the same one again")
                    .isAfter(Instant.parse(first.get("time").asString()));
        }
    }
}
