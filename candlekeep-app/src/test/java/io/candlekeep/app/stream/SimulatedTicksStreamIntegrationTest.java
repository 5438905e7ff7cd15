package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Offline mode streams too: on the simulated provider a subscriber sees a tracked pair's price move by itself. */
final class SimulatedTicksStreamIntegrationTest extends SimulatedAppTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.providers.simulated.tick-interval", () -> "200ms");
    }

    @Test
    void subscriber_onTheSimulatedProvider_getsQuotesWithoutAnyRefresh() {
        assertThat(api.post("/api/v1/tracking", "{\"symbols\":[\"BTC-USD\"],\"timeframes\":[\"15m\"]}").status())
                .isEqualTo(200);
        try (StreamClient client = StreamClient.withHeaderToken(port, ApiClient.ADMIN_TOKEN)) {
            client.next("authenticated");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"BTC-USD\"]}");
            client.next("subscribed");

            JsonNode first = client.next("quote");
            JsonNode second = client.next("quote");
            assertThat(first.get("symbol").asString()).isEqualTo("BTC-USD");
            assertThat(Instant.parse(second.get("time").asString()))
                    .as("ticks move on, seeded per symbol on the price path")
                    .isAfter(Instant.parse(first.get("time").asString()));
        }
    }
}
