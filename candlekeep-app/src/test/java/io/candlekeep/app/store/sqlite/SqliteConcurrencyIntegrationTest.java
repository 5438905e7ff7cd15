package io.candlekeep.app.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fifty clients at once on the SQLite file: each its own user, a fixed number of requests mixing reads and writes,
 * all started together while the background backfill writes bars. No request may answer 5xx, and every write that
 * answered 2xx must be stored. The figures are printed, not asserted: the machine may be slow or busy.
 */
@Tag(TestStores.OWN_STORE)
final class SqliteConcurrencyIntegrationTest extends SimulatedAppTestBase {

    private static final Logger log = LoggerFactory.getLogger(SqliteConcurrencyIntegrationTest.class);

    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 40;
    /** Tracked before the clients start: the backfill writes their bars while the clients read them. */
    private static final List<String> TRACKED_FIRST = List.of("AAPL", "MSFT", "BTC-USD", "SPY");
    /** What the clients trade and watch: each symbol new to the service plans more backfill. */
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "TSLA", "SPY",
            "QQQ", "IBM", "ORCL", "INTC", "AMD", "NFLX", "BTC-USD", "ETH-USD", "SOL-USD", "EURUSD=X");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SqliteDataSource dataSource;

    @Autowired
    @Qualifier("readDataSource")
    HikariDataSource readDataSource;

    /** One request as its client saw it; status -1 when no answer came. */
    private record Call(String what, int status, String body, long nanos) {
    }

    /** What one client sent, and which of its writes answered 2xx. */
    private static final class Client {
        final ApiClient api;
        final long userId;
        final long portfolioId;
        final List<Call> calls = new ArrayList<>();
        final Set<String> watched = new TreeSet<>();
        int transactionsStored;
        int portfoliosCreated;

        Client(ApiClient api, long userId, long portfolioId) {
            this.api = api;
            this.userId = userId;
            this.portfolioId = portfolioId;
        }
    }

    @Test
    void mixedReadsAndWrites_fiftyClientsAtOnceDuringBackfill_noServerErrorAndEveryAnsweredWriteStored()
            throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            ApiClient.Response user = api.post("/api/v1/users", "{\"name\":\"load" + c + "\"}");
            assertThat(user.status()).as(user.body()).isEqualTo(201);
            ApiClient client = ApiClient.withToken(port, user.json().get("token").asString());
            ApiClient.Response portfolio = client.post("/api/v1/portfolios",
                    "{\"name\":\"main\",\"base_currency\":\"USD\"}");
            assertThat(portfolio.status()).as(portfolio.body()).isEqualTo(201);
            clients.add(new Client(client, user.json().get("id").asLong(), portfolio.json().get("id").asLong()));
        }
        ApiClient.Response tracked = api.post("/api/v1/tracking", "{\"symbols\":[" + TRACKED_FIRST.stream()
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "],\"source\":\"watchlist\"}");
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        long barsBefore = bars();

        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Client client = clients.get(c);
            int n = c;
            running.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    request(client, n, i);
                }
                return null;
            }));
        }
        ready.await();
        PoolWatch writerWatch = PoolWatch.start(dataSource.writer().getHikariPoolMXBean());
        PoolWatch readerWatch = PoolWatch.start(readDataSource.getHikariPoolMXBean());
        long started = System.nanoTime();
        go.countDown();
        try {
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        long wallNanos = System.nanoTime() - started;
        long barsWritten = bars() - barsBefore;

        List<Call> calls = clients.stream().flatMap(c -> c.calls.stream()).toList();
        report(calls, wallNanos, barsWritten, writerWatch.stop(), readerWatch.stop());

        assertThat(calls).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
        assertThat(calls.stream().filter(call -> call.status() >= 500 || call.status() < 0).toList())
                .as("answers 5xx, or no answer").isEmpty();
        assertThat(calls.stream().filter(call -> call.status() >= 300).toList()).as("answers other than 2xx")
                .isEmpty();
        for (Client c : clients) {
            assertThat(count("SELECT COUNT(*) FROM transactions WHERE portfolio_id = ?", c.portfolioId))
                    .as("transactions stored for user %d", c.userId).isEqualTo(c.transactionsStored);
            assertThat(count("SELECT COUNT(*) FROM portfolio WHERE user_id = ?", c.userId))
                    .as("portfolios of user %d", c.userId).isEqualTo(1 + c.portfoliosCreated);
            assertThat(jdbc.sql("SELECT symbol FROM interest WHERE user_id = ? AND source = 'watchlist'")
                    .param(c.userId).query(String.class).set()).as("symbols user %d watches", c.userId)
                    .containsAll(c.watched);
        }
        assertThat(barsWritten).as("bars the backfill wrote while the clients ran").isPositive();
    }

    /** Request {@code i} of client {@code n}: three in eight are writes, and neighbours send different kinds. */
    private static void request(Client client, int n, int i) {
        String symbol = SYMBOLS.get((n * 7 + i) % SYMBOLS.size());
        switch ((n + i) % 8) {
            case 0 -> call(client, "GET bars", () -> client.api.get("/api/v1/bars/"
                    + TRACKED_FIRST.get(i % TRACKED_FIRST.size()) + "?timeframe=1d"));
            case 1 -> call(client, "GET quotes", () -> client.api.get("/api/v1/quotes?symbols=" + symbol + ",AAPL"));
            case 2 -> call(client, "GET portfolios", () -> client.api.get("/api/v1/portfolios"));
            case 3 -> call(client, "GET tracking", () -> client.api.get("/api/v1/tracking"));
            case 4, 7 -> {
                if (call(client, "POST transaction", () -> client.api.post(
                        "/api/v1/portfolios/" + client.portfolioId + "/transactions", """
                        {"symbol":"%s","side":"buy","quantity":1,"price":100,"fee":0,"time":"2025-06-02T15:00:00Z"}"""
                        .formatted(symbol)))) {
                    client.transactionsStored++;
                }
            }
            case 5 -> {
                if (call(client, "POST tracking", () -> client.api.post("/api/v1/tracking",
                        "{\"symbols\":[\"" + symbol + "\"],\"source\":\"watchlist\"}"))) {
                    client.watched.add(symbol);
                }
            }
            case 6 -> {
                if (call(client, "POST portfolio", () -> client.api.post("/api/v1/portfolios",
                        "{\"name\":\"p" + i + "\",\"base_currency\":\"EUR\"}"))) {
                    client.portfoliosCreated++;
                }
            }
            default -> throw new IllegalStateException("no request kind " + (n + i) % 8);
        }
    }

    /** Sends one request and records it; true when it answered 2xx. */
    private static boolean call(Client client, String what, Supplier<ApiClient.Response> send) {
        long t0 = System.nanoTime();
        int status;
        String body;
        try {
            ApiClient.Response r = send.get();
            status = r.status();
            body = r.body();
        } catch (RuntimeException e) {
            status = -1;
            body = e.toString();
        }
        client.calls.add(new Call(what, status, body.length() > 300 ? body.substring(0, 300) : body,
                System.nanoTime() - t0));
        return status >= 200 && status < 300;
    }

    private static void report(List<Call> calls, long wallNanos, long barsWritten, int writerWaiting,
            int readerWaiting) {
        Map<Integer, Long> byStatus = calls.stream()
                .collect(Collectors.groupingBy(Call::status, TreeMap::new, Collectors.counting()));
        List<Long> all = calls.stream().map(Call::nanos).sorted().toList();
        log.info("[LOAD] {} requests from {} clients in {} ms ({} requests/s): latency median {} ms, p99 {} ms, "
                        + "max {} ms; statuses {}; {} bars written by the backfill meanwhile; at most {} threads "
                        + "waited for the writer connection at once, {} for a reader",
                calls.size(), CLIENTS, wallNanos / 1_000_000, calls.size() * 1_000_000_000L / Math.max(wallNanos, 1),
                millis(all, 0.5), millis(all, 0.99), millis(all, 1.0), byStatus, barsWritten, writerWaiting,
                readerWaiting);
        calls.stream().collect(Collectors.groupingBy(Call::what, TreeMap::new, Collectors.toList()))
                .forEach((what, of) -> {
                    List<Long> sorted = of.stream().map(Call::nanos).sorted().toList();
                    log.info("[LOAD] {}: {} requests, median {} ms, max {} ms", what, sorted.size(),
                            millis(sorted, 0.5), millis(sorted, 1.0));
                });
        calls.stream().filter(c -> c.status() >= 300 || c.status() < 0).limit(5)
                .forEach(c -> log.info("[LOAD] {} answered {}: {}", c.what(), c.status(), c.body()));
    }

    private static long millis(List<Long> sortedNanos, double quantile) {
        int at = (int) Math.ceil(quantile * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.clamp(at, 0, sortedNanos.size() - 1)) / 1_000_000;
    }

    /** The most threads seen waiting for a connection of one pool, sampled every few milliseconds. */
    private static final class PoolWatch {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger most = new AtomicInteger();
        private Thread sampler;

        static PoolWatch start(HikariPoolMXBean pool) {
            PoolWatch watch = new PoolWatch();
            watch.sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!watch.stop.get()) {
                    watch.most.accumulateAndGet(pool.getThreadsAwaitingConnection(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return watch;
        }

        int stop() throws InterruptedException {
            stop.set(true);
            sampler.join();
            return most.get();
        }
    }

    private long bars() {
        return jdbc.sql("SELECT COUNT(*) FROM bars").query(Long.class).single();
    }

    private int count(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Integer.class).single();
    }
}
