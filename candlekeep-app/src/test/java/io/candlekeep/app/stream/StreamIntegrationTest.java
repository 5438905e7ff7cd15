package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.live.LiveRefreshService;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import io.candlekeep.app.web.Instants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The feed over real WebSockets on loopback, against the whole application on the simulated provider: the three ways
 * to authenticate, snapshot then updates, the errors that leave the socket open and the breaches that close it.
 */
final class StreamIntegrationTest extends SimulatedAppTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.stream.heartbeat", () -> "200ms");
        registry.add("candlekeep.stream.auth-timeout", () -> "1s");
        registry.add("candlekeep.stream.max-symbols", () -> "3");
        registry.add("candlekeep.stream.max-messages-per-second", () -> "5");
        registry.add("candlekeep.stream.max-connections-per-user", () -> "2");
        registry.add("candlekeep.stream.idle-timeout", () -> "2s");
    }

    @Autowired
    LiveRefreshService liveRefresh;
    @Autowired
    LiveCache liveCache;
    @Autowired
    BarWriter writer;
    @Autowired
    BarStore store;
    @Autowired
    TrackingService tracking;

    @Test
    void subscribe_headerToken_answersSnapshotsThenEveryQuoteAndTheBarThatCloses() {
        try (StreamClient client = StreamClient.withHeaderToken(port, userToken("ann"))) {
            assertThat(client.next("authenticated").get("user").asString()).isEqualTo("ann");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"channels\":[\"quote\",\"bar:1d\"]}");

            JsonNode subscribed = client.next("subscribed");
            assertThat(subscribed.get("symbols").toString()).isEqualTo("[\"AAPL\"]");
            assertThat(subscribed.get("channels").toString()).isEqualTo("[\"quote\",\"bar:1d\"]");
            assertThat(client.next("snapshot").get("channel").asString()).isEqualTo("quote");
            assertThat(client.next("snapshot").get("channel").asString()).isEqualTo("bar:1d");
            assertThat(tracking.findTracked(Symbol.of("AAPL"))).as("a subscription records interest like a chart view")
                    .hasValueSatisfying(t -> assertThat(t.timeframes()).contains(Timeframe.D1));

            liveRefresh.refreshAll();
            JsonNode quote = client.next(m -> m.path("type").asString().equals("quote"), "a quote of AAPL");
            assertThat(quote.get("symbol").asString()).isEqualTo("AAPL");
            assertThat(quote.get("price").asDouble()).isEqualTo(liveCache.find(Symbol.of("AAPL")).orElseThrow().price());

            SeriesId daily = SeriesId.of("AAPL", Timeframe.D1);
            Eventually.await(Duration.ofSeconds(60), "AAPL 1d job complete", () -> {
                for (JsonNode tf : api.get("/api/v1/symbols/AAPL/coverage").json().get("timeframes")) {
                    if (tf.path("timeframe").asString().equals("1d")) {
                        return tf.path("job_status").asString().equals("COMPLETE");
                    }
                }
                return false;
            });
            Bar newest = store.read(daily, Instants.EARLIEST, Instants.LATEST, 1).get(0);
            Bar closed = Bar.of(newest.start(), newest.open(), newest.high() + 1, newest.low(), newest.high() + 1,
                    newest.volume(), true);
            writer.write(daily, List.of(closed), Set.of());
            // the backfill's last write of that bar may still land after ours: then its values are sent once more,
            // and the message to wait for is the one carrying what is stored
            JsonNode bar = client.next(m -> m.path("type").asString().equals("bar") && m.path("final").asBoolean()
                    && m.path("start").asString().equals(newest.start().toString())
                    && m.path("close").asDouble() == storedClose(daily, newest.start()),
                    "the closed bar, final, with the stored values");
            assertThat(bar.get("symbol").asString()).isEqualTo("AAPL");
            assertThat(bar.get("timeframe").asString()).isEqualTo("1d");
        }
    }

    @Test
    void auth_asTheFirstMessage_authenticates() {
        String token = userToken("ben");
        try (StreamClient client = StreamClient.anonymous(port)) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            assertThat(client.next("error").get("detail").asString()).contains("auth");

            client.send("{\"action\":\"auth\",\"token\":\"" + token + "\"}");
            assertThat(client.next("authenticated").get("user").asString()).isEqualTo("ben");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"MSFT\"]}");
            assertThat(client.next("subscribed").get("channels").toString()).isEqualTo("[\"quote\"]");
        }
    }

    @Test
    void auth_asSubProtocol_authenticatesAndSelectsTheFeedsOwn() {
        try (StreamClient client = StreamClient.connect(port, Map.of(),
                List.of(StreamHandshake.PROTOCOL, "bearer." + userToken("cat")))) {
            assertThat(client.protocol()).as("the token is never echoed").isEqualTo("candlekeep");
            assertThat(client.next("authenticated").get("user").asString()).isEqualTo("cat");
        }
    }

    @Test
    void auth_noneInTime_closesWithPolicyViolation() {
        try (StreamClient client = StreamClient.anonymous(port)) {
            assertThat(client.next("error").get("detail").asString()).contains("No token within 1 s");
            assertThat(client.awaitClosed().code()).isEqualTo(1008);
        }
    }

    @Test
    void auth_tokenNotValid_closesWithPolicyViolation() {
        try (StreamClient client = StreamClient.anonymous(port)) {
            client.send("{\"action\":\"auth\",\"token\":\"ck_not_a_token\"}");
            assertThat(client.next("error").get("detail").asString()).isEqualTo("The token is not valid");
            assertThat(client.awaitClosed().code()).isEqualTo(1008);
        }
    }

    @Test
    void handshake_tokenInTheQuery_isRefusedWith400() {
        assertThat(handshakeStatus("?token=" + userToken("dan"), Map.of())).isEqualTo(400);
        assertThat(handshakeStatus("?access_token=x", Map.of())).isEqualTo(400);
    }

    @Test
    void handshake_headerTokenNotValid_isRefusedWith401() {
        assertThat(handshakeStatus("", Map.of("Authorization", "Bearer ck_nope"))).isEqualTo(401);
    }

    @Test
    void handshake_subProtocolTokenNotValid_isRefusedWith401() {
        assertThatThrownBy(() -> StreamClient.connect(port, Map.of(), List.of("candlekeep", "bearer.ck_nope")))
                .hasCauseInstanceOf(WebSocketHandshakeException.class).hasStackTraceContaining("status code 401");
    }

    @Test
    void subscribe_invalidSymbolOrChannel_isAnsweredWithAnErrorAndTheSocketStaysOpen() {
        try (StreamClient client = StreamClient.withHeaderToken(port, userToken("eve"))) {
            client.next("authenticated");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"not a symbol!\"]}");
            JsonNode error = client.next("error");
            assertThat(error.get("symbol").asString()).isEqualTo("not a symbol!");
            assertThat(error.get("detail").asString()).contains("Invalid symbol");

            client.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"channels\":[\"bar:5m\"]}");
            assertThat(client.next("error").get("detail").asString()).contains("use quote, bar:15m, bar:1h, bar:4h or bar:1d");
            client.send("not json");
            assertThat(client.next("error").get("detail").asString()).startsWith("The message is not JSON");
            client.send("{\"action\":\"dance\"}");
            assertThat(client.next("error").get("detail").asString()).contains("'dance' is unknown");

            client.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            assertThat(client.next("subscribed").get("symbols").toString()).isEqualTo("[\"AAPL\"]");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void subscribe_moreSymbolsThanAllowed_acceptsUpToTheLimitAndAnswersTheRestWithErrors() {
        try (StreamClient client = StreamClient.withHeaderToken(port, userToken("fay"))) {
            client.next("authenticated");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\",\"SPY\",\"QQQ\"]}");

            JsonNode error = client.next("error");
            assertThat(error.get("symbol").asString()).isEqualTo("QQQ");
            assertThat(error.get("detail").asString()).contains("at most 3 symbols");
            assertThat(client.next("subscribed").get("symbols").toString()).isEqualTo("[\"AAPL\",\"MSFT\",\"SPY\"]");

            client.send("{\"action\":\"unsubscribe\",\"symbols\":[\"SPY\"]}");
            client.next("unsubscribed");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"QQQ\"]}");
            assertThat(client.next("subscribed").get("symbols").toString()).isEqualTo("[\"QQQ\"]");
        }
    }

    @Test
    void messages_fasterThanTheRate_areAnsweredWithAnErrorAndTheSocketStaysOpen() {
        try (StreamClient client = StreamClient.withHeaderToken(port, userToken("gus"))) {
            client.next("authenticated");
            for (int i = 0; i < 12; i++) {
                client.send("{\"action\":\"unsubscribe\",\"symbols\":[\"AAPL\"]}");
            }
            assertThat(client.next(m -> m.path("detail").asString().contains("messages a second"), "the rate error")
                    .get("detail").asString()).isEqualTo("More than 5 messages a second: this one was ignored");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void connect_moreConnectionsThanAUserMayHold_closesTheNextWithAnError() {
        String token = userToken("hal");
        try (StreamClient first = StreamClient.withHeaderToken(port, token);
                StreamClient second = StreamClient.withHeaderToken(port, token)) {
            first.next("authenticated");
            second.next("authenticated");
            try (StreamClient third = StreamClient.withHeaderToken(port, token)) {
                assertThat(third.next("error").get("detail").asString()).contains("holds 2 open connections");
                assertThat(third.awaitClosed().code()).isEqualTo(1008);
            }
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void heartbeat_tokenRevoked_closesTheSocket() {
        try (StreamClient client = StreamClient.withHeaderToken(port, userToken("ida"))) {
            client.next("authenticated");
            client.next("heartbeat");

            assertThat(api.delete("/api/v1/users/ida/tokens").status()).isEqualTo(200);
            assertThat(client.next("error").get("detail").asString()).contains("revoked");
            StreamClient.Closed closed = client.awaitClosed();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("token revoked");
        }
    }

    @Test
    void heartbeat_clientThatNeverAnswersAPing_isClosedAfterTheIdleTimeout() throws Exception {
        try (RawStreamSocket silent = RawStreamSocket.open(port, userToken("joe"), 65536)) {
            StreamClient.Closed closed = silent.readUntilClosed();
            assertThat(closed.code()).isEqualTo(1000);
            assertThat(closed.reason()).isEqualTo("silent for over 2 s");
        }
    }

    private String userToken(String name) {
        ApiClient.Response created = api.post("/api/v1/users", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("token").asString();
    }

    private int handshakeStatus(String query, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        try {
            builder.buildAsync(URI.create("ws://127.0.0.1:" + port + StreamConfiguration.PATH + query),
                    new WebSocket.Listener() {
                    }).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private double storedClose(SeriesId series, Instant start) {
        return store.read(series, start, start.plusMillis(1), 1).get(0).close();
    }
}
