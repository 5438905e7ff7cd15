package io.candlekeep.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's built-in HTTP server on a free loopback port, with two endpoints that frame the service's figures:
 * {@code /jdbc/bars} answers the same JSON as the service from a plain JDBC query (HTTP+JDBC next to the
 * service's HTTP+cache), and {@code /static} answers fixed bytes of the same size (the floor: HTTP and loopback
 * with no work behind them).
 */
final class BaselineHttpServer implements AutoCloseable {

    static {
        // The JDK server leaves Nagle on by default, which would add delayed-ACK stalls to a header-then-body answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<JdbcBarReader> readers = new ArrayList<>();
    private final ThreadLocal<JdbcBarReader> reader;

    /** @param dbUrl the service's database ({@link RunningService#dbUrl()}) */
    BaselineHttpServer(String dbUrl, String symbol, String timeframe, long fromMillis, byte[] staticBody, int threads)
            throws IOException {
        this.reader = ThreadLocal.withInitial(() -> {
            try {
                JdbcBarReader r = new JdbcBarReader(dbUrl);
                synchronized (readers) {
                    readers.add(r);
                }
                return r;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot open " + dbUrl, e);
            }
        });
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/jdbc/bars", exchange -> {
            try {
                respond(exchange, JdbcBarReader.json(symbol, timeframe, reader.get().read(symbol, timeframe, fromMillis)));
            } catch (SQLException e) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            }
        });
        server.createContext("/static", exchange -> respond(exchange, staticBody));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() throws SQLException {
        server.stop(0);
        executor.shutdownNow();
        synchronized (readers) {
            for (JdbcBarReader r : readers) {
                r.close();
            }
        }
    }
}
