package io.candlekeep.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.FreshPostgresDatabase;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Transactions another program inserts straight into PostgreSQL (here {@code psql}) are tracked by the running
 * service through the {@code transaction_created} notification (migration V12): the symbol and the FX pair to the
 * portfolio's base currency, for the row's user, and their history is backfilled.
 */
@Tag(TestStores.OWN_STORE)
final class ExternalTransactionsIntegrationTest {

    private static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    static FreshPostgresDatabase db;
    static ConfigurableApplicationContext app;
    static ApiClient admin;
    static int port;

    @BeforeAll
    static void start() {
        if (FreshPostgresDatabase.unreachable().isPresent()) {
            return;
        }
        db = FreshPostgresDatabase.create("ck_external");
        List<String> args = new ArrayList<>(List.of(db.applicationArgs()));
        args.addAll(List.of("--server.port=0", "--candlekeep.data-dir=" + dataDir, "--candlekeep.provider=simulated",
                "--candlekeep.jobs.poll-interval=200ms"));
        app = new SpringApplicationBuilder(CandlekeepApplication.class).run(args.toArray(String[]::new));
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        admin = new ApiClient(port);
    }

    @BeforeEach
    void requirePostgres() {
        FreshPostgresDatabase.assumeReachable();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void psqlInsert_intoUsersPortfolio_tracksSymbolAndFxPairAndBackfillsThem() {
        User erin = user("erin");
        long portfolio = portfolio(erin, "EUR");

        db.psql(insert(portfolio, erin.id(), "MSFT", "USD"));

        Eventually.await(Duration.ofSeconds(30), () -> "MSFT and USDEUR=X tracked for erin; tracked: " + tracked(erin),
                () -> tracked(erin).keySet().containsAll(List.of("MSFT", "USDEUR=X")));
        assertThat(tracked(erin)).containsEntry("MSFT", "portfolio").containsEntry("USDEUR=X", "portfolio");
        Eventually.await(Duration.ofSeconds(60), "daily bars of MSFT and USDEUR=X over HTTP",
                () -> dailyBars(erin, "MSFT") > 0 && dailyBars(erin, "USDEUR=X") > 0);
        JsonNode opened = erin.api().get("/api/v1/portfolios/" + portfolio).json();
        assertThat(opened.get("positions")).singleElement()
                .satisfies(pos -> assertThat(pos.get("symbol").asString()).isEqualTo("MSFT"));
    }

    @Test
    void psqlInsert_namingAnotherUsersPortfolio_isNotTracked() {
        User frank = user("frank");
        User grace = user("grace");
        long gracesPortfolio = portfolio(grace, "USD");
        long franksPortfolio = portfolio(frank, "USD");

        // the first row claims grace's portfolio for frank; the second, frank's own, shows the first was handled
        db.psql(insert(gracesPortfolio, frank.id(), "ORCL", "USD") + insert(franksPortfolio, frank.id(), "INTC", "USD"));

        Eventually.await(Duration.ofSeconds(30), () -> "INTC tracked for frank; tracked: " + tracked(frank),
                () -> tracked(frank).containsKey("INTC"));
        assertThat(tracked(frank)).doesNotContainKey("ORCL");
        assertThat(tracked(grace)).doesNotContainKey("ORCL");
    }

    @Test
    void record_throughTheApi_isTrackedAtOnceAndReadBackUnderRowLevelSecurity() {
        User heidi = user("heidi");
        long portfolio = portfolio(heidi, "USD");

        ApiClient.Response recorded = heidi.api().post("/api/v1/portfolios/" + portfolio + "/transactions",
                "{\"symbol\":\"AMZN\",\"side\":\"buy\",\"quantity\":\"2\",\"price\":\"180\"}");

        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(tracked(heidi)).containsEntry("AMZN", "portfolio");
        assertThat(heidi.api().get("/api/v1/portfolios/" + portfolio + "/transactions").json().toString())
                .contains("AMZN");
    }

    private record User(long id, ApiClient api) {
    }

    private static User user(String prefix) {
        JsonNode created = admin.post("/api/v1/users", "{\"name\":\"" + prefix + USERS.incrementAndGet() + "\"}").json();
        return new User(created.get("id").asLong(), ApiClient.withToken(port, created.get("token").asString()));
    }

    private static long portfolio(User user, String base) {
        ApiClient.Response r = user.api().post("/api/v1/portfolios",
                "{\"name\":\"main\",\"base_currency\":\"" + base + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Each tracked symbol of {@code user} with its first interest source. */
    private static Map<String, String> tracked(User user) {
        Map<String, String> out = new TreeMap<>();
        user.api().get("/api/v1/tracking").json().get("symbols")
                .forEach(s -> out.put(s.get("symbol").asString(), s.get("sources").get(0).asString()));
        return out;
    }

    private static int dailyBars(User user, String symbol) {
        ApiClient.Response r = user.api().get("/api/v1/bars/" + symbol + "?timeframe=1d");
        return r.status() == 200 ? r.json().get("count").asInt() : 0;
    }

    private static String insert(long portfolio, long user, String symbol, String currency) {
        return """
                INSERT INTO transactions (portfolio_id, user_id, symbol, side, quantity, price, fee, currency, executed_at,
                                          created_at, updated_at)
                VALUES (%d, %d, '%s', 'BUY', '3', '100', '0', '%s', 1760000000000, 0, 0);
                """.formatted(portfolio, user, symbol, currency);
    }
}
