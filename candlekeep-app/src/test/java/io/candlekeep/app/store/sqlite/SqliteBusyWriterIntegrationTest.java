package io.candlekeep.app.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While the single writer is taken, for longer than a request may wait for it: reads still answer (WAL readers do
 * not wait for the writer), and writes answer 503 problem+json with {@code Retry-After} after the stated bound instead
 * of hanging. The writer is taken by a write in the service that does not end (the test holds the writer connection)
 * or by another program holding the file's write lock (longer than the busy timeout).
 */
@Tag(TestStores.OWN_STORE)
final class SqliteBusyWriterIntegrationTest extends SimulatedAppTestBase {

    private static final AtomicInteger names = new AtomicInteger();

    @DynamicPropertySource
    static void shortBounds(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.store.sqlite.connection-timeout", () -> "1s");
        registry.add("candlekeep.store.sqlite.busy-timeout", () -> "500ms");
    }

    @Autowired
    SqliteDataSource dataSource;

    ApiClient user;

    @BeforeEach
    void setUp() {
        ApiClient.Response created = api.post("/api/v1/users", "{\"name\":\"busy" + names.incrementAndGet() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        user = ApiClient.withToken(port, created.json().get("token").asString());
        assertThat(user.post("/api/v1/portfolios", "{\"name\":\"main\"}").status()).isEqualTo(201);
    }

    @Test
    void writerConnectionTaken_readsAnswer_writesAnswer503WithRetryAfter_andWorkAgainOnceItIsFree() throws Exception {
        try (Connection taken = dataSource.writer().getConnection()) {
            assertThat(taken.isValid(1)).isTrue();

            ApiClient.Response read = user.get("/api/v1/portfolios");
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().get("portfolios").get(0).get("name").asString()).isEqualTo("main");

            assertOverloaded(user.post("/api/v1/portfolios", "{\"name\":\"second\"}"));
        }
        ApiClient.Response again = user.post("/api/v1/portfolios", "{\"name\":\"second\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
    }

    @Test
    void anotherProgramHoldsTheWriteLock_readsAnswer_writesAnswer503WithRetryAfter_andWorkAgainOnceItIsFree()
            throws Exception {
        String url = SqliteDataSources.jdbcUrl(dataDir.resolve(SqliteStoreConfiguration.DB_FILE_NAME));
        try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                ApiClient.Response read = user.get("/api/v1/portfolios");
                assertThat(read.status()).as(read.body()).isEqualTo(200);

                assertOverloaded(user.post("/api/v1/portfolios", "{\"name\":\"third\"}"));
                assertOverloaded(user.post("/api/v1/tracking", """
                        {"symbols":["IBM"],"source":"watchlist"}"""));
            } finally {
                s.execute("ROLLBACK");
            }
        }
        ApiClient.Response again = user.post("/api/v1/portfolios", "{\"name\":\"third\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
    }

    private static void assertOverloaded(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.retryAfter()).isEqualTo("5");
    }
}
