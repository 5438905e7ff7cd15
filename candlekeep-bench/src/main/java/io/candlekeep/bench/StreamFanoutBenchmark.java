package io.candlekeep.bench;

import io.candlekeep.app.live.QuotesFetched;
import io.candlekeep.core.provider.Quote;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationContext;
import org.sqlite.SQLiteConfig;

/**
 * WebSocket fan-out on one node: {@code bench.connections} subscribers on {@code /api/v1/stream} of a Candlekeep
 * started in this JVM, each subscribed to the quotes of {@code bench.perConnection} symbols out of a universe of
 * {@code bench.symbols} ({@link FanoutPlan}: with the defaults, 1,000 subscribers × 100 of 1,000 symbols, so each
 * symbol has exactly 100 subscribers), and {@code bench.rate} updates a second in, one quote of one symbol each, the
 * symbols in turn ({@link QuoteFeed}), so each update is 100 messages out. An update is ingested as the live refresh ingests a fetch: by publishing
 * {@link QuotesFetched} on the service's application context. Every price differs, so the hub's check for a repeated
 * quote never drops one; a symbol gets a new update every {@code symbols / rate} seconds, so the outbox coalesces
 * (latest per symbol wins) only behind a reader that is that far behind.
 *
 * <p>The universe is tracked first with small backfill windows and the driver waits for the backfill to settle (a
 * subscription records interest, as a chart view does), the simulated ticks and the subscribed refresh are off,
 * so that the feed carries the driver's updates only. Each measurement is a warm-up, then the measured updates,
 * then a drain until deliveries stop. It reports, per run: the ingest rate achieved, messages delivered against
 * those expected (the rest were coalesced, unless a subscriber's newest value of a symbol is not the newest sent:
 * counted as stale, so lost), the latency from ingest to the subscriber having the frame's text parsed (p50 to
 * max), and the CPU the process and the client threads used (the rest is the server's). The runs are: Candlekeep;
 * Candlekeep with one more subscriber on subscriber 0's symbols, a {@link NeverReadingSocket}, measured from its
 * subscribe and again once its sends are blocked (its outbox, read through {@link StreamHubProbe}, holds more than
 * half its symbols), to see whether it changes anyone else's latency and how the service ends it (1013 for a full
 * outbox?); the first run again as a control; and the {@link BaselineWebSocketServer}, the same fan-out served by
 * the JDK alone, with the same subscribers, frames, connections and rate: the floor. Heap per connection is the
 * used heap after {@code System.gc()} with every subscriber subscribed, less the same before they connected, over
 * the number of connections; it includes the client's side, which the floor's figure bounds.
 *
 * <p>System properties: {@code bench.symbols} (1000), {@code bench.connections} (1000), {@code bench.perConnection}
 * (100), {@code bench.rate} (1000 updates a second), {@code bench.warmupSeconds} (10), {@code bench.seconds} (30),
 * {@code bench.clientThreads} (2: the WebSocket client's executor), {@code bench.slowConsumer} (true),
 * {@code bench.slowFillSeconds} (600: how long the load may run before the never-reading subscriber's sends block),
 * {@code bench.floor} (true), {@code bench.set.<candlekeep key>=<value>} for any other setting.
 */
public final class StreamFanoutBenchmark {

    private static final String PATH = "/api/v1/stream";

    private StreamFanoutBenchmark() {
    }

    /** What every run applies: who subscribes to what, the updates, how fast and for how long. */
    private record Load(FanoutPlan plan, QuoteFeed feed, int rate, int warmupSeconds, int seconds, int clientThreads) {
    }

    /** What one run measured; {@code seconds} is the measured updates' span. */
    private record Row(String name, int subscribers, double ratePerSecond, double seconds, long expected,
            long delivered, long stale, long closed, LatencyHistogram latency, double cores, double clientCores) {

        String row() {
            return String.format(Locale.ROOT, "| %-44s | %5d | %6.0f | %8.0f | %,11d | %,11d | %,9d | %5d | %4d | %7.2f"
                    + " | %7.2f | %7.2f | %7.2f | %7.1f | %4.2f / %4.2f |", name, subscribers, ratePerSecond,
                    delivered / seconds, expected, delivered, expected - delivered, stale, closed,
                    latency.percentile(0.50) / 1e3, latency.percentile(0.90) / 1e3, latency.percentile(0.99) / 1e3,
                    latency.percentile(0.999) / 1e3, latency.maxMicros() / 1e3, cores, clientCores);
        }

        static String header() {
            return "| what | subs | updates/s in | msgs/s out | expected | delivered | not delivered | stale | closed"
                    + " | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | CPU cores: process / clients |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    public static void main(String[] args) throws Exception {
        FanoutPlan plan = new FanoutPlan(Integer.getInteger("bench.symbols", 1_000),
                Integer.getInteger("bench.connections", 1_000), Integer.getInteger("bench.perConnection", 100));
        int rate = Integer.getInteger("bench.rate", 1_000);
        int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 10);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int clientThreads = Integer.getInteger("bench.clientThreads", 2);
        boolean slowConsumer = Boolean.parseBoolean(System.getProperty("bench.slowConsumer", "true"));
        int fillLimit = Integer.getInteger("bench.slowFillSeconds", 600);
        boolean floor = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));
        Map<String, Object> overrides = overrides(plan);
        IntSummaryStatistics perSymbol = IntStream.range(0, plan.symbols()).map(plan::subscribersOf).summaryStatistics();
        Environment.print("StreamFanoutBenchmark", String.format(Locale.ROOT, "%d subscribers x %d of %d symbols"
                + " (%d to %d subscribers per symbol), %d updates/s in, warm-up %d s, measured %d s per run, %d client"
                + " threads, slow consumer %s (blocked within %d s), JDK floor %s, settings %s", plan.connections(),
                plan.perConnection(), plan.symbols(), perSymbol.getMin(), perSymbol.getMax(), rate, warmupSeconds,
                seconds, clientThreads, slowConsumer, fillLimit, floor, overrides));

        long runSeconds = (1 + (floor ? 1 : 0)) * (warmupSeconds + seconds)
                + (slowConsumer ? 2 * (warmupSeconds + seconds) + fillLimit + seconds : 0);
        Load load = new Load(plan, new QuoteFeed(plan, Math.toIntExact((runSeconds + 5) * rate)), rate, warmupSeconds,
                seconds, clientThreads);
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long startup = System.nanoTime();
        try (RunningService service = RunningService.start(overrides)) {
            System.out.printf("service up on port %d in %d ms (data %s)%n", service.port(), millisSince(startup),
                    service.dbFile());
            trackUniverse(service, plan);
            candlekeepRuns(service, load, slowConsumer ? fillLimit : -1, rows, notes);
            if (floor) {
                floorRun(load, rows, notes);
            }
            System.out.println();
            System.out.printf("## Results (%d subscribers x %d symbols, %d updates/s, %d s measured per run)%n%n",
                    plan.connections(), plan.perConnection(), rate, seconds);
            System.out.println(Row.header());
            rows.forEach(r -> System.out.println(r.row()));
            System.out.println();
            notes.forEach(n -> System.out.println("- " + n));
            Environment.printLoad();
        }
    }

    /**
     * The subscribers on Candlekeep: heap per connection, a run, and unless {@code fillLimit < 0} the slow-consumer
     * runs and the first run again once the slow consumer is gone (the control: how much the machine moved meanwhile).
     */
    private static void candlekeepRuns(RunningService service, Load load, int fillLimit, List<Row> rows,
            List<String> notes) throws Exception {
        ApplicationContext context = service.context();
        Consumer<Quote> ingest = q -> context.publishEvent(new QuotesFetched(List.of(q)));
        StreamHubProbe probe = new StreamHubProbe(context);
        long heapBefore = heapAfterGc();
        try (StreamSubscribers subscribers = StreamSubscribers.connect(URI.create("ws://127.0.0.1:" + service.port()
                + PATH), RunningService.AUTHORIZATION, load.plan(), load.feed(), load.clientThreads())) {
            subscribe(subscribers, "Candlekeep");
            awaitQuiet(Duration.ofMinutes(5));
            notes.add(heapNote("Candlekeep", heapAfterGc() - heapBefore, load.plan()));
            if (subscribers.errors() > 0) {
                notes.add(String.format(Locale.ROOT, "Candlekeep answered the %d subscribes sent at once with %d"
                        + " error messages; the first: %s", load.plan().connections(), subscribers.errors(),
                        abbreviate(subscribers.firstError())));
            }
            StreamHubProbe.Stats before = probe.stats();
            rows.add(run("Candlekeep", subscribers, ingest, load, load.warmupSeconds()));
            notes.add(hubNote("Candlekeep", before, probe.stats()));
            if (fillLimit >= 0) {
                slowConsumerRuns(service, probe, subscribers, ingest, load, fillLimit, rows, notes);
                rows.add(run("Candlekeep again, never-reading gone", subscribers, ingest, load, load.warmupSeconds()));
            }
            notes.add(sampleNote("Candlekeep", subscribers, load.feed()));
        }
    }

    /** The same subscribers, updates and rate on the {@link BaselineWebSocketServer}. */
    private static void floorRun(Load load, List<Row> rows, List<String> notes) throws Exception {
        try (BaselineWebSocketServer floor = new BaselineWebSocketServer(load.plan())) {
            long heapBefore = heapAfterGc();
            try (StreamSubscribers subscribers = StreamSubscribers.connect(URI.create("ws://127.0.0.1:" + floor.port()
                    + PATH), RunningService.AUTHORIZATION, load.plan(), load.feed(), load.clientThreads())) {
                subscribe(subscribers, "JDK-only floor");
                notes.add(heapNote("JDK-only floor", heapAfterGc() - heapBefore, load.plan()));
                rows.add(run("JDK-only floor (BaselineWebSocketServer)", subscribers, floor::publish, load,
                        load.warmupSeconds()));
                notes.add(sampleNote("JDK-only floor", subscribers, load.feed()));
            }
        }
    }

    /**
     * The same load with one more subscriber, on subscriber 0's symbols, that never reads: measured at once, while
     * the socket buffers still take what is sent to it; then the load goes on until its outbox holds more than half
     * its symbols (its sends are blocked, its quotes coalesce), at most {@code fillLimit} seconds, and is
     * measured again from there, through whatever the service then does with it.
     */
    private static void slowConsumerRuns(RunningService service, StreamHubProbe probe, StreamSubscribers subscribers,
            Consumer<Quote> ingest, Load load, int fillLimit, List<Row> rows, List<String> notes) throws Exception {
        int blockedAbove = load.plan().perConnection() / 2;
        StreamHubProbe.Stats before = probe.stats();
        Set<Object> others = probe.connections();
        try (NeverReadingSocket slow = NeverReadingSocket.open(service.port(), PATH, RunningService.AUTHORIZATION,
                4096)) {
            long opened = System.nanoTime();
            slow.sendText(load.plan().subscribeMessage(0));
            rows.add(run("Candlekeep + 1 never-reading, from subscribe", subscribers, ingest, load,
                    load.warmupSeconds()));
            StreamHubProbe.Backlog backlog = probe.openedSince(others).orElseThrow(
                    () -> new IllegalStateException("the never-reading subscriber is not among the hub's connections"));
            while (backlog.waiting() <= blockedAbove
                    && System.nanoTime() - opened < Duration.ofSeconds(fillLimit).toNanos()) {
                load.feed().publish(load.rate(), load.rate(), ingest);
            }
            if (backlog.waiting() <= blockedAbove) {
                notes.add("the never-reading subscriber's sends did not block within " + fillLimit + " s"
                        + " (bench.slowFillSeconds): the socket buffers took everything sent to it");
            } else {
                long blockedAt = millisSince(opened);
                int waiting = backlog.waiting();
                rows.add(run("Candlekeep + 1 never-reading, once blocked", subscribers, ingest, load, 0));
                notes.add(String.format(Locale.ROOT, "the never-reading subscriber's outbox held %d messages %.0f s"
                        + " after it subscribed (its sends blocked: the socket buffers were full); at the end of the"
                        + " blocked run it held %d and had coalesced %,d", waiting, blockedAt / 1e3,
                        backlog.waiting(), backlog.coalesced()));
            }
            notes.add(hubNote("Candlekeep + 1 never-reading", before, probe.stats()));
            notes.add("the never-reading subscriber, read at the end: " + slow.outcome());
        }
    }

    private static Map<String, Object> overrides(FanoutPlan plan) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("candlekeep.stream.max-connections-per-user", plan.connections() + 10);
        o.put("candlekeep.stream.max-symbols", Math.max(100, plan.perConnection()));
        o.put("candlekeep.stream.idle-timeout", "10m");
        o.put("candlekeep.stream.subscribed-refresh", "0s");
        o.put("candlekeep.providers.simulated.tick-interval", "0s");
        // what a subscription tracks is backfilled; little history keeps that short
        o.put("candlekeep.backfill.windows.[15m]", "1d");
        o.put("candlekeep.backfill.windows.[1h]", "2d");
        o.put("candlekeep.backfill.windows.[4h]", "7d");
        o.put("candlekeep.backfill.windows.[1d]", "7d");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> o.put(k.substring("bench.set.".length()), System.getProperty(k)));
        return o;
    }

    /** Tracks every symbol of the universe (100 a POST) and waits until the backfill has settled. */
    private static void trackUniverse(RunningService service, FanoutPlan plan) throws Exception {
        long t0 = System.nanoTime();
        for (String body : plan.trackingBodies()) {
            service.post("/api/v1/tracking", body);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection db = readOnly.createConnection("jdbc:sqlite:" + service.dbFile().toAbsolutePath())) {
            long deadline = t0 + Duration.ofMinutes(10).toNanos();
            while (count(db, "SELECT COUNT(*) FROM series_job WHERE status = 'QUEUED'")
                    + count(db, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice'") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The backfill of " + plan.symbols()
                            + " symbols did not settle in 10 min");
                }
                Thread.sleep(500);
            }
        }
        System.out.printf("%d symbols tracked and their backfill settled in %d ms; load %s%n", plan.symbols(),
                millisSince(t0), Environment.loadAverage());
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void subscribe(StreamSubscribers subscribers, String server) throws InterruptedException {
        long t0 = System.nanoTime();
        subscribers.subscribe(Duration.ofMinutes(3));
        System.out.printf("%s: every subscriber has its snapshots %d ms after the first subscribe; load %s%n", server,
                millisSince(t0), Environment.loadAverage());
    }

    /**
     * Waits until the process uses under a tenth of a core for 3 s in a row: the interest each subscription recorded
     * (a tracking transaction of its 100 symbols) has been written.
     */
    private static void awaitQuiet(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        int quiet = 0;
        long cpu = processCpuNanos();
        while (quiet < 3) {
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                System.out.println("WARNING: the process did not go quiet within " + timeout + "; measuring anyway");
                return;
            }
            Thread.sleep(1_000);
            long now = processCpuNanos();
            quiet = now - cpu < 100_000_000L ? quiet + 1 : 0;
            cpu = now;
        }
        System.out.printf("process quiet after %d ms more; load %s%n", millisSince(t0), Environment.loadAverage());
    }

    /** {@code warmupSeconds} of updates, the measured ones, then waits until deliveries stop (at most 30 s). */
    private static Row run(String name, StreamSubscribers subscribers, Consumer<Quote> sink, Load load,
            int warmupSeconds) throws InterruptedException {
        QuoteFeed feed = load.feed();
        long from = feed.next() + (long) load.rate() * warmupSeconds;
        StreamSubscribers.Window window = new StreamSubscribers.Window(from, from + (long) load.rate() * load.seconds());
        subscribers.measure(window);
        feed.publish(load.rate(), (long) load.rate() * warmupSeconds, sink);
        long errors = subscribers.errors();
        long cpu = processCpuNanos();
        long clientCpu = clientCpuNanos();
        long t0 = System.nanoTime();
        QuoteFeed.Run measured = feed.publish(load.rate(), (long) load.rate() * load.seconds(), sink);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cores = (processCpuNanos() - cpu) / 1e9 / wall;
        double clientCores = (clientCpuNanos() - clientCpu) / 1e9 / wall;
        long expected = feed.deliveries(measured.from(), measured.to());
        awaitDrained(window, expected);
        Row row = new Row(name, load.plan().connections(), measured.perSecond(), (measured.to() - measured.from())
                / measured.perSecond(), expected, window.delivered.sum(), subscribers.staleSymbols(),
                subscribers.closed(), window.latency, cores, clientCores);
        System.out.println(row.row() + "  load " + Environment.loadAverage());
        if (subscribers.errors() > errors || subscribers.foreign() > 0) {
            System.out.println("  error messages so far: " + subscribers.errors() + ", the first: "
                    + abbreviate(subscribers.firstError()) + "; foreign quote frames: " + subscribers.foreign());
        }
        return row;
    }

    private static void awaitDrained(StreamSubscribers.Window window, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seen = -1;
        while (window.delivered.sum() < expected && window.delivered.sum() != seen && System.nanoTime() < deadline) {
            seen = window.delivered.sum();
            Thread.sleep(2_000);
        }
    }

    private static String heapNote(String server, long bytes, FanoutPlan plan) {
        return String.format(Locale.ROOT, "heap per connection, %s (server and client side, after 3 x System.gc()):"
                + " %,d bytes (%,d KiB for %d connections)", server, bytes / plan.connections(), bytes >> 10,
                plan.connections());
    }

    private static String hubNote(String run, StreamHubProbe.Stats before, StreamHubProbe.Stats after) {
        return String.format(Locale.ROOT, "hub, %s (warm-up included): %,d quote messages offered to outboxes;"
                + " open connections %d -> %d; closed for a full outbox (1013) +%d", run,
                after.quotesSent() - before.quotesSent(), before.connections(), after.connections(),
                after.closedTooSlow() - before.closedTooSlow());
    }

    /** The first quote frame a subscriber got, and whether the floor would have sent the very same bytes. */
    private static String sampleNote(String server, StreamSubscribers subscribers, QuoteFeed feed) {
        String sample = subscribers.sampleQuote();
        if (sample == null) {
            return server + ": no quote received";
        }
        long update = Long.parseLong(sample.replaceAll(".*\"price\":(\\d+)\\..*", "$1")) - 1;
        boolean same = sample.equals(BaselineWebSocketServer.quoteText(feed.quote(update)));
        return String.format(Locale.ROOT, "%s sends %s (%d bytes); the floor's frame of that update is %s", server,
                sample, sample.length(), same ? "byte-identical" : "different");
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the WebSocket client's threads: its executor and its selector. */
    private static long clientCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith(StreamSubscribers.THREAD_PREFIX)
                    || t.getThreadName().startsWith("HttpClient-"))) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
