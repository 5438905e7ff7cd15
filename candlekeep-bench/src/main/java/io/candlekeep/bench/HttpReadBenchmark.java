package io.candlekeep.bench;

import io.candlekeep.app.bars.BarQuery;
import io.candlekeep.app.bars.BarService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole-service read latency: one year of AAPL daily bars (about 250) read over HTTP on loopback from a
 * Candlekeep started in this JVM, next to the same rows read with plain JDBC from the same database (its SQLite file,
 * or with {@code bench.store=postgres} a fresh PostgreSQL database the service runs on), served
 * as the same JSON by the JDK's HttpServer, and fixed bytes served by that server (the HTTP floor); in-process
 * rows (the service's cached read, writing the JSON alone) show where the time goes. Every row of the table is a
 * closed loop: warm-up, then the measured requests, with 1 and with 4 connections. The main figures use
 * {@link RawHttpConnection}; the JDK HttpClient row shows that client's own cost.
 *
 * <p>System properties: {@code bench.warmup} (default 5000), {@code bench.requests} (20000),
 * {@code bench.wrkSeconds} (10; 0 skips wrk), {@code bench.symbol} (AAPL), {@code bench.store} ({@code sqlite} or
 * {@code postgres}), {@code bench.pg} (the PostgreSQL server, as a JDBC URL of a database there:
 * {@value BenchDatabase#DEFAULT_PG}).
 */
public final class HttpReadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 5_000);
        int requests = Integer.getInteger("bench.requests", 20_000);
        int wrkSeconds = Integer.getInteger("bench.wrkSeconds", 10);
        String symbol = System.getProperty("bench.symbol", "AAPL");
        boolean postgres = System.getProperty("bench.store", "sqlite").equals("postgres");
        String pg = System.getProperty("bench.pg", BenchDatabase.DEFAULT_PG);
        String timeframe = "1d";
        Clock clock = Clock.systemUTC();

        Environment.print("HttpReadBenchmark", "warm-up " + warmup + " requests, measured " + requests
                + " requests per row, store " + (postgres ? "PostgreSQL at " + pg : "SQLite"));
        long startup = System.nanoTime();
        try (RunningService service = postgres ? RunningService.startOnPostgres(pg, Map.of())
                : RunningService.start(Map.of())) {
            System.out.printf("service up on port %d in %d ms (data %s)%n", service.port(),
                    (System.nanoTime() - startup) / 1_000_000, service.dbUrl());

            long trackStart = System.nanoTime();
            service.post("/api/v1/tracking", "{\"symbols\":[\"" + symbol + "\"],\"timeframes\":[\"" + timeframe + "\"]}");
            awaitComplete(service, symbol, Duration.ofSeconds(60));
            System.out.printf("%s %s tracked and COMPLETE in %d ms%n", symbol, timeframe,
                    (System.nanoTime() - trackStart) / 1_000_000);

            long from = clock.millis() - Duration.ofDays(365).toMillis();
            String jsonPath = "/api/v1/bars/" + symbol + "?timeframe=" + timeframe + "&from=" + from;
            String columnsPath = jsonPath + "&format=columns";
            byte[] reference = service.getBytes(jsonPath);
            JsonNode parsed = JSON.readTree(reference);
            int bars = parsed.get("count").asInt();
            System.out.printf("GET %s -> %d bars, %d bytes; format=columns -> %d bytes%n", jsonPath, bars,
                    reference.length, service.getBytes(columnsPath).length);

            try (JdbcBarReader check = new JdbcBarReader(service.dbUrl())) {
                JdbcBarReader.Rows rows = check.read(symbol, timeframe, from);
                byte[] viaJdbc = JdbcBarReader.json(symbol, timeframe, rows);
                if (!Arrays.equals(viaJdbc, reference)) {
                    throw new IllegalStateException("The JDBC baseline does not answer the same JSON as the service ("
                            + rows.size() + " rows, " + viaJdbc.length + " bytes vs " + reference.length + ")");
                }
                System.out.printf("JDBC baseline reads the same %d rows and writes byte-identical JSON%n", rows.size());
            }

            JdbcBarReader.Rows rowsOnce;
            try (JdbcBarReader once = new JdbcBarReader(service.dbUrl())) {
                rowsOnce = once.read(symbol, timeframe, from);
            }
            BarService barService = service.context().getBean(BarService.class);
            BarQuery query = BarQuery.parse(symbol, timeframe, Long.toString(from), null, null, "json");
            int port = service.port();
            List<ClosedLoop.Result> results = new ArrayList<>();
            try (BaselineHttpServer baseline = new BaselineHttpServer(service.dbUrl(), symbol, timeframe, from,
                    reference, 4)) {
                int basePort = baseline.port();
                for (int c : new int[] {1, 4}) {
                    results.add(report(ClosedLoop.run("Candlekeep HTTP json (JDK HttpClient)", c, warmup, requests,
                            () -> new JdkClientWorker(service.uri(jsonPath)))));
                    results.add(report(ClosedLoop.run("Candlekeep HTTP json (raw socket)", c, warmup, requests,
                            () -> new RawHttpConnection(port, jsonPath))));
                    results.add(report(ClosedLoop.run("Candlekeep HTTP columns (raw socket)", c, warmup, requests,
                            () -> new RawHttpConnection(port, columnsPath))));
                    results.add(report(ClosedLoop.run("JDBC over JDK HttpServer, json (raw socket)", c, warmup,
                            requests, () -> new RawHttpConnection(basePort, "/jdbc/bars"))));
                    results.add(report(ClosedLoop.run("fixed bytes over JDK HttpServer (raw socket)", c, warmup,
                            requests, () -> new RawHttpConnection(basePort, "/static"))));
                    results.add(report(ClosedLoop.run("JDBC in-process, rows into arrays", c, warmup, requests,
                            () -> new JdbcWorker(new JdbcBarReader(service.dbUrl()), symbol, timeframe, from))));
                    results.add(report(ClosedLoop.run("in-process BarService.read (hot cache)", c, warmup, requests,
                            () -> () -> barService.read(query).size())));
                    results.add(report(ClosedLoop.run("in-process JSON writing only (as the service)", c, warmup,
                            requests, () -> () -> JdbcBarReader.json(symbol, timeframe, rowsOnce).length)));
                }

                List<Wrk.Result> wrk = new ArrayList<>();
                if (wrkSeconds > 0 && Wrk.available()) {
                    for (int c : new int[] {1, 4}) {
                        wrkRun(wrk, "Candlekeep HTTP json", service.uri(jsonPath).toString(), c, wrkSeconds);
                        wrkRun(wrk, "Candlekeep HTTP columns", service.uri(columnsPath).toString(), c, wrkSeconds);
                        wrkRun(wrk, "JDBC over JDK HttpServer, json", "http://127.0.0.1:" + basePort + "/jdbc/bars", c,
                                wrkSeconds);
                        wrkRun(wrk, "fixed bytes over JDK HttpServer", "http://127.0.0.1:" + basePort + "/static", c,
                                wrkSeconds);
                    }
                } else {
                    System.out.println("wrk: skipped (" + (wrkSeconds > 0 ? "not on the PATH" : "bench.wrkSeconds=0") + ")");
                }

                System.out.println();
                System.out.printf("## Results (%d bars, json %d bytes)%n%n", bars, reference.length);
                System.out.println(ClosedLoop.Result.header());
                results.forEach(r -> System.out.println(r.row()));
                if (!wrk.isEmpty()) {
                    System.out.println();
                    System.out.println(Wrk.Result.header());
                    wrk.forEach(r -> System.out.println(r.row()));
                }
                Environment.printLoad();
            }
        }
    }

    private static ClosedLoop.Result report(ClosedLoop.Result r) {
        System.out.println(r.row() + "  load " + Environment.loadAverage());
        return r;
    }

    private static void wrkRun(List<Wrk.Result> into, String name, String url, int connections, int seconds)
            throws Exception {
        Wrk.run(name, url, connections, seconds).ifPresent(r -> {
            System.out.printf("--- wrk %s, %d connection(s): %s%n%s", name, connections, url, r.output());
            into.add(r);
        });
    }

    static void awaitComplete(RunningService service, String symbol, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!RunningService.allComplete(service.trackedEntry(symbol), 1)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(symbol + " was not COMPLETE after " + timeout + ": "
                        + service.trackedEntry(symbol));
            }
            Thread.sleep(10);
        }
    }

    /** The JDK's own client, one per worker so that each worker has its own keep-alive connection. */
    private static final class JdkClientWorker implements ClosedLoop.Worker {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final HttpRequest request;

        JdkClientWorker(URI uri) {
            this.request = HttpRequest.newBuilder(uri).header("Authorization", RunningService.AUTHORIZATION).GET().build();
        }

        @Override
        public long call() throws Exception {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + r.statusCode());
            }
            return r.body().length;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private record JdbcWorker(JdbcBarReader reader, String symbol, String timeframe, long from)
            implements ClosedLoop.Worker {
        @Override
        public long call() throws Exception {
            return reader.read(symbol, timeframe, from).size();
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
