package io.candlekeep.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.FreshPostgresDatabase;
import io.candlekeep.app.testing.TestBars;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import io.candlekeep.core.domain.Symbol;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances in one JVM on one PostgreSQL database, as several instances share the work in production: a quote
 * one of them fetched from the provider reaches the other's live cache through the {@code live_quotes}
 * notification, and the other answers it from its cache; bars one writes are read fresh by the other, whose hot
 * cache held the series; a transaction another program inserts is heard by both, and its series are planned once.
 */
@Tag(TestStores.OWN_STORE)
final class TwoInstancesIntegrationTest {

    @TempDir
    static Path dataDir;

    static FreshPostgresDatabase db;
    static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void start() {
        if (FreshPostgresDatabase.unreachable().isPresent()) {
            return;
        }
        db = FreshPostgresDatabase.create("ck_instances");
        // one after the other: the first migrates the database
        instances.add(start("a"));
        instances.add(start("b"));
    }

    @BeforeEach
    void requirePostgres() {
        FreshPostgresDatabase.assumeReachable();
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (db != null) {
            db.close();
        }
    }

    @Test
    void quotes_fetchedByOneInstance_areAnsweredFromTheOthersCache() {
        ApiClient a = api(instances.get(0));
        ApiClient b = api(instances.get(1));

        JsonNode fetched = a.get("/api/v1/quotes?symbols=ETH-USD,NVDA").json().get("quotes");

        assertThat(fetched).hasSize(2).allSatisfy(q -> assertThat(q.get("source").asString()).isEqualTo("provider"));
        // b is not asked before the quotes arrived: asking would make it fetch them itself
        LiveCache cacheOfB = instances.get(1).getBean(LiveCache.class);
        Eventually.await(Duration.ofSeconds(10), "ETH-USD and NVDA in the live cache of instance b",
                () -> cacheOfB.snapshot().keySet().containsAll(List.of(Symbol.of("ETH-USD"), Symbol.of("NVDA"))));
        JsonNode answered = b.get("/api/v1/quotes?symbols=ETH-USD,NVDA").json().get("quotes");
        assertThat(answered).hasSize(2).allSatisfy(q -> assertThat(q.get("source").asString()).isEqualTo("cache"));
        for (int i = 0; i < 2; i++) {
            assertThat(answered.get(i).get("symbol").asString()).isEqualTo(fetched.get(i).get("symbol").asString());
            assertThat(answered.get(i).get("price").asDouble()).isEqualTo(fetched.get(i).get("price").asDouble());
            assertThat(answered.get(i).get("time").asString()).isEqualTo(fetched.get(i).get("time").asString());
        }
    }

    @Test
    void quotes_fiftySymbolsSplitOverSeveralNotifications_allReachTheOtherInstance() {
        List<String> symbols = IntStream.rangeClosed(1, 50).mapToObj(i -> "RELAY" + i).toList();
        ApiClient b = api(instances.get(1));

        JsonNode fetched = b.get("/api/v1/quotes?symbols=" + String.join(",", symbols)).json();

        assertThat(fetched.get("count").asInt()).isEqualTo(symbols.size());
        LiveCache cacheOfA = instances.get(0).getBean(LiveCache.class);
        List<Symbol> expected = symbols.stream().map(Symbol::of).toList();
        Eventually.await(Duration.ofSeconds(10), () -> "all 50 in the live cache of instance a; missing: "
                + expected.stream().filter(s -> !cacheOfA.snapshot().containsKey(s)).toList(),
                () -> cacheOfA.snapshot().keySet().containsAll(expected));
        assertThat(api(instances.get(0)).get("/api/v1/quotes?symbols=" + String.join(",", symbols)).json().get("quotes"))
                .hasSize(symbols.size())
                .allSatisfy(q -> assertThat(q.get("source").asString()).isEqualTo("cache"));
    }

    @Test
    void bars_writtenByOneInstance_areReadFreshByTheOtherWhoseHotCacheHeldThem() throws SQLException {
        try (Connection c = db.connect()) {
            // known, so that reading its bars answers an empty series rather than 404; no jobs write to it
            c.createStatement().execute("""
                    INSERT INTO tracked_symbol (symbol, asset_class, source, priority, status, created_at, updated_at)
                    VALUES ('HOTX', 'STOCK', 'api', 100, 'ACTIVE', 0, 0)
                    """);
        }
        ApiClient b = api(instances.get(1));
        assertThat(b.get("/api/v1/bars/HOTX?timeframe=1d").json().get("count").asInt()).as("cached by b, empty").isZero();

        instances.get(0).getBean(BarStore.class).upsert(SeriesId.of("HOTX", Timeframe.D1),
                TestBars.bars(Timeframe.D1, Instant.parse("2026-01-05T00:00:00Z"), 3));

        Eventually.await(Duration.ofSeconds(10), "the 3 bars instance a wrote, read on instance b",
                () -> b.get("/api/v1/bars/HOTX?timeframe=1d").json().get("count").asInt() == 3);
    }

    @Test
    void psqlInsert_heardByBothInstances_plansEachSeriesOnce() throws SQLException {
        ApiClient a = api(instances.get(0));
        JsonNode user = a.post("/api/v1/users", "{\"name\":\"ivan\"}").json();
        ApiClient ivan = ApiClient.withToken(port(instances.get(1)), user.get("token").asString());
        long portfolio = ivan.post("/api/v1/portfolios", "{\"name\":\"main\"}").json().get("id").asLong();

        db.psql("""
                INSERT INTO transactions (portfolio_id, user_id, symbol, side, quantity, price, fee, currency, executed_at,
                                          created_at, updated_at)
                VALUES (%d, %d, 'CSCO', 'BUY', '10', '50', '0', 'USD', 1760000000000, 0, 0)
                """.formatted(portfolio, user.get("id").asLong()));

        Eventually.await(Duration.ofSeconds(60), "daily bars of CSCO, backfilled after the insert",
                () -> ivan.get("/api/v1/bars/CSCO?timeframe=1d").json().path("count").asInt(0) > 0);
        Map<String, Long> plans = new TreeMap<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT timeframe, job_seq FROM series_job WHERE symbol = 'CSCO'")) {
            while (rs.next()) {
                plans.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(plans).as("plan number of each fetched series of CSCO").isNotEmpty().containsOnlyKeys("15m", "1h", "1d")
                .allSatisfy((timeframe, seq) -> assertThat(seq).isEqualTo(1L));
    }

    private static ConfigurableApplicationContext start(String name) {
        return db.startApplication(dataDir.resolve(name));
    }

    private static ApiClient api(ConfigurableApplicationContext instance) {
        return new ApiClient(port(instance));
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
