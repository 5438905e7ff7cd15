package io.candlekeep.app.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.testing.ApiClient;
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
 * {@code candlekeep.db.read-url} gives bar reads a pool of their own on the replica (here the same database, as a
 * streaming replica would hold the same rows), and health checks both pools.
 */
@Tag(TestStores.OWN_STORE)
final class ReadReplicaIntegrationTest {

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
            db.close();
        }
    }

    @Test
    void readUrl_set_barReadsUseTheReplicaPool_andHealthChecksBoth() {
        db = FreshPostgresDatabase.create("ck_replica");
        app = db.startApplication(dataDir, "--candlekeep.db.read-url=" + db.url());
        ApiClient admin = new ApiClient(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));

        admin.post("/api/v1/tracking", "{\"symbols\":[\"AAPL\"],\"timeframes\":[\"1d\"]}");
        Eventually.await(Duration.ofSeconds(60), "daily bars of AAPL",
                () -> admin.get("/api/v1/bars/AAPL?timeframe=1d&limit=5").json().path("count").asInt(0) == 5);

        HikariDataSource replica = app.getBean("readDataSource", HikariDataSource.class);
        assertThat(replica.getPoolName()).isEqualTo("candlekeep-pg-read");
        assertThat(replica.getHikariPoolMXBean().getTotalConnections()).as("connections opened for bar reads")
                .isPositive();
        JsonNode db = admin.get("/actuator/health").json().get("components").get("db");
        assertThat(db.get("components").propertyNames()).containsExactlyInAnyOrder("dataSource", "readDataSource");
    }
}
