package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.stream.StreamClient;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.FreshPostgresDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.Timeframe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances on one PostgreSQL database with the Binance stream on: exactly one holds the connection (the lease),
 * a closed kline it writes reaches a subscriber of the other instance through the instances' relay, and when the
 * holder stops, the other takes the lease and the connection over. A holder that loses the database closes its
 * connection before its term ends and connects again once it is back. A holder that dies without giving the lease up
 * is taken over once its term ends: {@code store.LeasesIntegrationTest} for the lease, the cluster test for processes
 * killed with SIGKILL.
 */
@Tag(TestStores.OWN_STORE)
final class BinanceFeedInstancesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STREAM = "btcusdt@kline_15m";

    @TempDir
    Path dataDir;

    private FreshPostgresDatabase db;
    private ReplayServer binance;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @AfterEach
    void stop() throws InterruptedException {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {b, a}) {
            if (instance != null && instance.isActive()) {
                instance.close();
            }
        }
        if (db != null) {
            db.close();
        }
        if (binance != null) {
            binance.stop(1000);
        }
    }

    @Test
    void feed_onTwoInstances_oneHoldsTheConnectionTheOtherRelaysItsBarsAndTakesOverWhenItStops()
            throws InterruptedException {
        FreshPostgresDatabase.assumeReachable();
        db = FreshPostgresDatabase.create("ck_binance_lease");
        binance = ReplayServer.started();
        a = start("a");
        Eventually.await(WAIT, "instance a holds the lease", () -> feed(a).isStreaming());
        b = start("b");
        ApiClient apiOfA = new ApiClient(port(a));
        assertThat(apiOfA.post("/api/v1/tracking", "{\"symbols\":[\"BTC-USD\"],\"timeframes\":[\"15m\"]}").status())
                .isEqualTo(200);
        Backfills.awaitComplete(apiOfA, "BTC-USD", 1);
        feed(a).resubscribe();
        Eventually.await(WAIT, "a's connection subscribed to " + STREAM, () -> !binance.clients.isEmpty() && subscribed(0));

        assertThat(feed(b).isStreaming()).as("b, while a holds the lease").isFalse();
        assertThat(openClients()).as("connections to Binance").hasSize(1);

        // the newest closed 15 minutes, which the backfill wrote from the simulated provider
        long m15 = Timeframe.M15.millis();
        Instant closed = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), m15) * m15 - m15);
        try (StreamClient onB = StreamClient.withHeaderToken(port(b), ApiClient.ADMIN_TOKEN)) {
            onB.send("{\"action\":\"subscribe\",\"symbols\":[\"BTC-USD\"],\"channels\":[\"bar:15m\"]}");
            onB.next("snapshot");
            binance.client(0).send(ReplayServer.klineFrame(closed, "1000.5", "1010.25", "990.75", "1005.125", "7.5",
                    true));
            JsonNode relayed = onB.next(m -> "bar".equals(m.path("type").asString())
                    && m.path("close").asDouble() == 1005.125, "the bar a streamed, on b");
            assertThat(relayed.get("final").asBoolean()).isTrue();
            assertThat(Instant.parse(relayed.get("start").asString())).isEqualTo(closed);
            assertThat(relayed.get("open").asDouble()).isEqualTo(1000.5);

            a.close();
            Eventually.await(WAIT, "b holds the lease a gave up", () -> feed(b).isStreaming());
            feed(b).resubscribe();
            Eventually.await(WAIT, "b's connection subscribed to " + STREAM, () -> binance.clients.size() == 2
                    && subscribed(1));
            assertThat(openClients()).as("connections to Binance after the takeover").hasSize(1)
                    .containsExactly(binance.client(1));

            binance.client(1).send(ReplayServer.klineFrame(closed, "1000.5", "1012.0", "990.75", "1011.0", "8.0", true));
            JsonNode own = onB.next(m -> "bar".equals(m.path("type").asString()) && m.path("close").asDouble() == 1011.0,
                    "the bar b streamed itself");
            assertThat(own.get("final").asBoolean()).isTrue();
        }
    }

    @Test
    void feed_holderLosesTheDatabase_closesItsConnectionInTermAndConnectsAgainOnceItIsBack() throws InterruptedException {
        FreshPostgresDatabase.assumeReachable();
        db = FreshPostgresDatabase.create("ck_binance_lease");
        binance = ReplayServer.started();
        a = start("a");
        assertThat(new ApiClient(port(a)).post("/api/v1/tracking",
                "{\"symbols\":[\"BTC-USD\"],\"timeframes\":[\"15m\"]}").status()).isEqualTo(200);
        Eventually.await(WAIT, "instance a holds the lease", () -> feed(a).isStreaming());
        feed(a).resubscribe();
        Eventually.await(WAIT, "a connected", () -> openClients().size() == 1);

        db.refuseConnections();
        try {
            Eventually.await(WAIT, "a closed its connection, its lease not renewable", () -> openClients().isEmpty());
            assertThat(feed(a).isStreaming()).isFalse();
        } finally {
            db.allowConnections();
        }

        Eventually.await(WAIT, "a holds the lease again and connected", () -> feed(a).isStreaming()
                && openClients().size() == 1);
    }

    private ConfigurableApplicationContext start(String name) {
        return db.startApplication(dataDir.resolve(name), "--candlekeep.jobs.instance-name=" + name,
                "--candlekeep.providers.binance.stream.enabled=true",
                "--candlekeep.providers.binance.stream.base-url=" + binance.baseUrl(),
                "--candlekeep.providers.binance.stream.lease-term=2s",
                "--candlekeep.providers.binance.stream.lease-renewal=200ms",
                "--candlekeep.backfill.windows.[15m]=1d");
    }

    private boolean subscribed(int client) {
        ReplayServer.Client c = binance.client(client);
        return c.path.contains(STREAM) || c.messages.stream().anyMatch(m -> m.contains(STREAM));
    }

    private List<ReplayServer.Client> openClients() {
        return binance.clients.stream().filter(c -> c.closeCode == null && c.socket.isOpen()).toList();
    }

    private static BinanceLiveFeed feed(ConfigurableApplicationContext instance) {
        return instance.getBean(BinanceLiveFeed.class);
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
