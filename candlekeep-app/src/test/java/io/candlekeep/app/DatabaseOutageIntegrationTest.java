package io.candlekeep.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.FreshPostgresDatabase;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away under a running instance (PostgreSQL: connections refused and the open ones cut) and comes
 * back. Meanwhile bars in the hot cache are still answered (also from a copy older than the cache's maximum staleness), health answers DOWN with 503 instead of hanging, and requests that need the database answer 503
 * problem+json with {@code Retry-After}, changing nothing, also for a token the instance has not checked yet; once it
 * is back the same instance answers UP and the request succeeds, without a restart.
 */
@Tag(TestStores.OWN_STORE)
final class DatabaseOutageIntegrationTest {

    @TempDir
    Path dataDir;

    private FreshPostgresDatabase db;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.allowConnections();
            db.close();
        }
    }

    @Test
    void requests_whileTheDatabaseIsAway_answer503AndChangeNothing_thenSucceedOnceItIsBack() {
        db = FreshPostgresDatabase.create("ck_outage");
        app = db.startApplication(dataDir, "--candlekeep.db.connection-timeout=1s",
                // the cached bars are stale long before they are read during the outage (health alone takes 1 s)
                "--candlekeep.bars.cache.max-staleness=200ms");
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        ApiClient admin = new ApiClient(port);
        assertThat(admin.get("/api/v1/portfolios").status()).as("the admin token checked, and cached").isEqualTo(200);
        String unchecked = admin.post("/api/v1/users", "{\"name\":\"olga\"}").json().get("token").asString();
        assertThat(admin.get("/actuator/health").status()).isEqualTo(200);
        admin.post("/api/v1/tracking", "{\"symbols\":[\"AAPL\"],\"timeframes\":[\"1d\"]}");
        // the whole backfill, not the first 20 bars: a later slice would change the answer read below
        Backfills.awaitComplete(admin, "AAPL", 1);
        String cachedBars = admin.get("/api/v1/bars/AAPL?timeframe=1d&limit=20").body();
        HotBarCache hot = app.getBean(HotBarCache.class);

        db.refuseConnections();
        try {
            ApiClient.Response health = admin.get("/actuator/health");
            assertThat(health.status()).as("health while the database is away: %s", health.body()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
            assertThat(health.json().get("components").get("db").has("components"))
                    .as("without a replica one pool is checked, not the same one twice: %s", health.body()).isFalse();

            // read until the cached copy has outlived its staleness (health may fail fast): every answer is the cached one
            Eventually.await(Duration.ofSeconds(30), "a bar read answered from the copy the cache no longer trusts", () -> {
                ApiClient.Response bars = admin.get("/api/v1/bars/AAPL?timeframe=1d&limit=20");
                assertThat(bars.status()).as("bars while the database is away: %s", bars.body()).isEqualTo(200);
                assertThat(bars.body()).isEqualTo(cachedBars);
                return hot.stats().staleReads() > 0;
            });

            ApiClient.Response create = admin.post("/api/v1/portfolios", "{\"name\":\"main\",\"base_currency\":\"USD\"}");
            assertThat(create.status()).as("create while the database is away: %s", create.body()).isEqualTo(503);
            assertThat(create.contentType()).startsWith("application/problem+json");
            assertThat(create.retryAfter()).isEqualTo("5");
            assertThat(create.json().get("detail").asString()).contains("try again shortly");

            ApiClient.Response me = ApiClient.withToken(port, unchecked).get("/api/v1/me");
            assertThat(me.status()).as("a token not checked before: %s", me.body()).isEqualTo(503);
            assertThat(me.contentType()).startsWith("application/problem+json");
            assertThat(me.retryAfter()).isEqualTo("5");
        } finally {
            db.allowConnections();
        }

        Eventually.await(Duration.ofSeconds(60), "health UP again after the database came back",
                () -> admin.get("/actuator/health").status() == 200);
        assertThat(admin.post("/api/v1/portfolios", "{\"name\":\"main\",\"base_currency\":\"USD\"}").status())
                .isEqualTo(201);
        JsonNode portfolios = admin.get("/api/v1/portfolios").json();
        assertThat(portfolios.toString()).as("the portfolio refused during the outage was not half-made")
                .containsOnlyOnce("\"main\"");
        assertThat(ApiClient.withToken(port, unchecked).get("/api/v1/me").json().get("name").asString())
                .isEqualTo("olga");
    }
}
