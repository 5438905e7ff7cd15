package io.candlekeep.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The hot read against nginx, side by side in one run: Candlekeep answers one year of AAPL daily bars in
 * {@code json}, {@code columns} and {@code csv}; nginx (Debian's, started here from a configuration of its own) serves
 * the very bytes the service answered, saved to files. wrk loads one, then the others, for each format and connection
 * count, {@code bench.rounds} times in turn, with the same request headers (the bearer token, which nginx ignores), so
 * both see the same machine load; the table gives each pair's requests per second and their ratio.
 *
 * <p>nginx runs twice: with the http settings of Debian's own {@code /etc/nginx/nginx.conf} (an access log, keep-alive
 * as built in: the nginx a Debian machine has), and tuned (no access log, 10,000 requests a connection, TCP_NODELAY).
 *
 * <p>System properties: {@code bench.seconds} (10 per wrk run), {@code bench.warmupSeconds} (5 per format, 16
 * connections, before anything counts), {@code bench.connections} ({@code 1,64}),
 * {@code bench.rounds} (2), {@code bench.symbol} (AAPL), {@code bench.nginx} ({@code /usr/sbin/nginx}),
 * {@code bench.workers} (nginx worker processes: {@code auto}, one per core), {@code bench.gzip} (false: ask with
 * {@code Accept-Encoding: gzip}), {@code bench.set.<candlekeep or server key>=<value>} for any setting of the service.
 */
public final class NginxComparisonBenchmark {

    private NginxComparisonBenchmark() {
    }

    /** One format at one connection count: the service, nginx as Debian ships it, and nginx tuned, in turn. */
    private record Row(String format, int connections, Wrk.Result candlekeep, Wrk.Result debian, Wrk.Result tuned) {

        String row() {
            return String.format(Locale.ROOT,
                    "| %-7s | %3d | %7.0f | %7.0f | %7.0f | **%.2f×** | %.2f× | %6.0f | %6.0f | %6.0f | %7.0f | %7.0f | %7.0f |",
                    format, connections, candlekeep.perSecond(), debian.perSecond(), tuned.perSecond(),
                    candlekeep.perSecond() / debian.perSecond(), candlekeep.perSecond() / tuned.perSecond(),
                    candlekeep.p50(), debian.p50(), tuned.p50(), candlekeep.p99(), debian.p99(), tuned.p99());
        }

        static String header() {
            return "| format | c | CK req/s | nginx req/s | tuned nginx req/s | CK / nginx | CK / tuned | CK p50 µs | nginx p50 µs | tuned p50 µs | CK p99 µs | nginx p99 µs | tuned p99 µs |\n"
                 + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmupSeconds", 5);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int[] connections = Arrays.stream(System.getProperty("bench.connections", "1,64").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        String symbol = System.getProperty("bench.symbol", "AAPL");
        String nginxBinary = System.getProperty("bench.nginx", "/usr/sbin/nginx");
        String workers = System.getProperty("bench.workers", "auto");
        boolean gzip = Boolean.getBoolean("bench.gzip");
        if (!Wrk.available() || !Files.isExecutable(Path.of(nginxBinary))) {
            System.err.println("This benchmark needs wrk and nginx: apt-get install wrk nginx-light (looked for "
                    + nginxBinary + ", -Dbench.nginx=... names another)");
            System.exit(2);
        }
        Environment.print("NginxComparisonBenchmark", "wrk " + seconds + " s per run, connections "
                + Arrays.toString(connections) + ", " + rounds + " rounds, nginx workers " + workers
                + (gzip ? ", Accept-Encoding: gzip" : ""));

        Map<String, Object> overrides = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> overrides.put(k.substring("bench.set.".length()), System.getProperty(k)));
        try (RunningService service = RunningService.start(overrides)) {
            service.post("/api/v1/tracking", "{\"symbols\":[\"" + symbol + "\"],\"timeframes\":[\"1d\"]}");
            HttpReadBenchmark.awaitComplete(service, symbol, Duration.ofSeconds(60));
            long from = Clock.systemUTC().millis() - Duration.ofDays(365).toMillis();
            String base = "/api/v1/bars/" + symbol + "?timeframe=1d&from=" + from;
            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("json", base);
            paths.put("columns", base + "&format=columns");
            paths.put("csv", base + "&format=csv");

            // nginx's workers run as another user when it is started as root: they must be able to read the answers
            Path dir = Files.createTempDirectory("candlekeep-nginx",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (var e : paths.entrySet()) {
                byte[] body = service.getBytes(e.getValue());
                Path saved = Files.write(dir.resolve("bars." + e.getKey()), body);
                Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-r--r--"));
                // tuned nginx sends this file, compressed once, to a request that accepts gzip (gzip_static)
                Path gz = dir.resolve("bars." + e.getKey() + ".gz");
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                    out.write(body);
                }
                Files.setPosixFilePermissions(gz, PosixFilePermissions.fromString("rw-r--r--"));
                sizes.put(e.getKey(), (long) body.length);
            }
            System.out.println("answers saved for nginx: " + sizes + " bytes in " + dir);
            int debianPort = freePort();
            int tunedPort = freePort();
            Path debianDir = Files.createDirectories(dir.resolve("debian"));
            Path tunedDir = Files.createDirectories(dir.resolve("tuned"));
            try (Nginx debian = Nginx.start(nginxBinary, dir, debianDir, debianPort, workers, false);
                    Nginx tuned = Nginx.start(nginxBinary, dir, tunedDir, tunedPort, workers, true)) {
                for (int port : new int[] {debianPort, tunedPort}) {
                    for (var e : paths.entrySet()) {
                        byte[] served = get("http://127.0.0.1:" + port + "/bars." + e.getKey());
                        if (!Arrays.equals(served, Files.readAllBytes(dir.resolve("bars." + e.getKey())))) {
                            throw new IllegalStateException("nginx does not serve the saved " + e.getKey() + " answer");
                        }
                    }
                }
                List<String> headers = new ArrayList<>(List.of("Authorization: " + RunningService.AUTHORIZATION));
                if (gzip) {
                    headers.add("Accept-Encoding: gzip");
                }
                // the JIT compiles the service's path before anything counts
                for (var e : paths.entrySet()) {
                    Wrk.run("warm-up " + e.getKey(), service.uri(e.getValue()).toString(), 16, warmup, headers);
                }
                List<Row> rows = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    System.out.println("round " + round + ", load average " + Environment.loadAverage());
                    for (int c : connections) {
                        for (var e : paths.entrySet()) {
                            String file = "/bars." + e.getKey();
                            Wrk.Result ck = Wrk.run("candlekeep " + e.getKey(), service.uri(e.getValue()).toString(),
                                    c, seconds, headers).orElseThrow();
                            Wrk.Result ng = Wrk.run("nginx " + e.getKey(), "http://127.0.0.1:" + debianPort + file, c,
                                    seconds, headers).orElseThrow();
                            Wrk.Result fast = Wrk.run("tuned nginx " + e.getKey(), "http://127.0.0.1:" + tunedPort
                                    + file, c, seconds, headers).orElseThrow();
                            Row row = new Row(e.getKey(), c, ck, ng, fast);
                            System.out.println(row.row());
                            rows.add(row);
                        }
                    }
                }
                System.out.println();
                System.out.println("load average at the end: " + Environment.loadAverage());
                System.out.println(Row.header());
                rows.forEach(r -> System.out.println(r.row()));
            }
        }
    }

    private static byte[] get(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            return r.body();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** nginx in the foreground on its own prefix, configuration and port; stopped on close. */
    private record Nginx(Process process) implements AutoCloseable {

        /** The http settings of Debian's /etc/nginx/nginx.conf as shipped: an access log, keep-alive as built in. */
        private static final String DEBIAN = """
                sendfile on;
                        tcp_nopush on;
                        access_log %s/access.log;
                        gzip on;
                        gzip_types application/json text/csv;""";

        /**
         * As fast as nginx serves a file here: no access log, 10,000 requests a connection, a request that accepts gzip
         * sent the file compressed beforehand ({@code gzip_static}) as the service sends its kept gzip copy.
         */
        private static final String TUNED = """
                sendfile on;
                        tcp_nopush on;
                        tcp_nodelay on;
                        access_log off;
                        keepalive_requests 10000;
                        gzip_static on;
                        gzip on;
                        gzip_types application/json text/csv;""";

        /** nginx serving the files of {@code root}, its configuration, logs and temporary files in {@code dir}. */
        static Nginx start(String binary, Path root, Path dir, int port, String workers, boolean tuned)
                throws IOException, InterruptedException {
            String conf = """
                    worker_processes %s;
                    error_log %s/error.log warn;
                    pid %s/nginx.pid;
                    events { worker_connections 1024; }
                    http {
                    %s
                        types { application/json json columns; text/csv csv; }
                        client_body_temp_path %s/tmp;
                        proxy_temp_path %s/tmp;
                        fastcgi_temp_path %s/tmp;
                        uwsgi_temp_path %s/tmp;
                        scgi_temp_path %s/tmp;
                        server {
                            listen 127.0.0.1:%d;
                            root %s;
                        }
                    }
                    """.formatted(workers, dir, dir, tuned ? TUNED.formatted() : DEBIAN.formatted(dir), dir, dir, dir, dir, dir,
                    port, root);
            Files.createDirectories(dir.resolve("tmp"));
            Path file = dir.resolve("nginx.conf");
            Files.writeString(file, conf, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(binary, "-p", dir.toString(), "-c", file.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return new Nginx(p);
                } catch (IOException notYet) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        p.destroyForcibly();
                        throw new IllegalStateException("nginx did not start: " + Files.readString(
                                dir.resolve("nginx.out")) + readError(dir));
                    }
                    Thread.sleep(20);
                }
            }
        }

        private static String readError(Path dir) throws IOException {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "";
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
