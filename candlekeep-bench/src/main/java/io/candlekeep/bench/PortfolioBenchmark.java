package io.candlekeep.bench;

import io.candlekeep.app.portfolio.PortfolioReports;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.security.Role;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opening a large portfolio over HTTP (issue: "2,000 transactions over 8 years across 50 symbols: opening the
 * portfolio plus its one-year value history at most 50 ms at the median"). The driver starts the service with the
 * simulated provider, creates a user and acts as that user from then on: it creates a portfolio in USD, records
 * {@code bench.transactions} generated transactions (45 US stocks and 5 crypto pairs, weekdays over the last
 * {@code bench.years} years, a fixed seed, no holding ever below zero) one POST each, and waits until every
 * symbol's series are COMPLETE. It then runs rounds of {@code GET /api/v1/portfolios/{id}} followed by
 * {@code GET /api/v1/portfolios/{id}/history?range=1y}, one after the other on one keep-alive connection
 * ({@link RawHttpConnection}), and checks every answer: status 200, the number of open and closed positions, and one
 * history point a day (weekends included, since crypto is held). In-process rows (the reports called directly,
 * and their JSON written by the service's mapper) show where the time goes.
 *
 * <p>System properties: {@code bench.rounds} (1000), {@code bench.warmup} (200 rounds), {@code bench.transactions}
 * (2000), {@code bench.years} (8), {@code bench.seed} (42), {@code bench.completeTimeoutSeconds} (900),
 * {@code bench.pollMillis} (1000); any {@code candlekeep.*} setting as {@code -Dbench.set.<key>=<value>}.
 */
public final class PortfolioBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> STOCKS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM",
            "V", "XOM", "JNJ", "WMT", "PG", "MA", "HD", "CVX", "KO", "PEP", "ABBV", "MRK", "COST", "AVGO", "ADBE", "CRM",
            "NFLX", "DIS", "CSCO", "INTC", "ORCL", "AMD", "QCOM", "TXN", "IBM", "BA", "CAT", "GS", "MS", "NKE", "MCD",
            "UNH", "T", "VZ", "PFE", "HON", "SBUX");
    private static final List<String> CRYPTO = List.of("BTC-USD", "ETH-USD", "SOL-USD", "ADA-USD", "XRP-USD");

    private PortfolioBenchmark() {
    }

    /** One generated transaction, as the API takes it. */
    record PlannedTrade(String symbol, boolean buy, BigDecimal quantity, BigDecimal price, BigDecimal fee, Instant time) {

        String json() {
            return "{\"symbol\":\"" + symbol + "\",\"side\":\"" + (buy ? "buy" : "sell") + "\",\"quantity\":"
                    + quantity.toPlainString() + ",\"price\":" + price.toPlainString() + ",\"fee\":" + fee.toPlainString()
                    + ",\"time\":\"" + time + "\"}";
        }
    }

    /** Latencies of one kind of request, in nanoseconds. */
    record Latencies(String name, long[] nanos) {

        String row() {
            return String.format(Locale.ROOT, "| %-46s | %6d | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f |", name,
                    nanos.length, millis(nanos, 0.50), millis(nanos, 0.90), millis(nanos, 0.99), millis(nanos, 1),
                    Arrays.stream(nanos).average().orElse(0) / 1e6);
        }

        static String header() {
            return "| what                                           | rounds | p50 ms   | p90 ms   | p99 ms   | max ms   | mean ms  |\n"
                 + "|------------------------------------------------|--------|----------|----------|----------|----------|----------|";
        }
    }

    /** Nearest-rank percentile of {@code nanos}, in milliseconds. */
    static double millis(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 1_000);
        int warmup = Integer.getInteger("bench.warmup", 200);
        int transactions = Integer.getInteger("bench.transactions", 2_000);
        int years = Integer.getInteger("bench.years", 8);
        long seed = Long.getLong("bench.seed", 42);
        Duration completeTimeout = Duration.ofSeconds(Long.getLong("bench.completeTimeoutSeconds", 900));
        long pollMillis = Long.getLong("bench.pollMillis", 1_000);
        Map<String, Object> overrides = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> overrides.put(k.substring("bench.set.".length()), System.getProperty(k)));
        Clock clock = Clock.systemUTC();
        List<String> symbols = new ArrayList<>(STOCKS);
        symbols.addAll(CRYPTO);

        Environment.print("PortfolioBenchmark", transactions + " transactions over " + years + " years across "
                + symbols.size() + " symbols (seed " + seed + "), warm-up " + warmup + " rounds, measured " + rounds
                + " rounds, settings " + overrides);
        long startup = System.nanoTime();
        try (RunningService service = RunningService.start(overrides)) {
            System.out.printf("service up on port %d in %d ms%n", service.port(), millisSince(startup));
            JsonNode newUser = service.post("/api/v1/users", "{\"name\":\"bench\"}");
            ServiceClient user = service.as(newUser.get("token").asString());
            Caller caller = new Caller(newUser.get("id").asLong(), "bench", Role.USER);
            long id = user.post("/api/v1/portfolios", "{\"name\":\"bench\",\"base_currency\":\"USD\"}").get("id").asLong();

            List<PlannedTrade> plan = plan(symbols, transactions, years, seed, LocalDate.now(clock));
            Map<String, BigDecimal> held = holdings(plan);
            int open = (int) held.values().stream().filter(q -> q.signum() > 0).count();
            System.out.printf("portfolio %d: %d transactions (%d buys, %d sells) %s .. %s, %d symbols, %d held at the end%n",
                    id, plan.size(), plan.stream().filter(PlannedTrade::buy).count(),
                    plan.stream().filter(t -> !t.buy()).count(), plan.getFirst().time(), plan.getLast().time(), held.size(),
                    open);
            long recordStartMillis = clock.millis();
            long recordStart = System.nanoTime();
            long[] recordNanos = new long[plan.size()];
            for (int i = 0; i < plan.size(); i++) {
                long t0 = System.nanoTime();
                user.post("/api/v1/portfolios/" + id + "/transactions", plan.get(i).json());
                recordNanos[i] = System.nanoTime() - t0;
            }
            long recordMillis = millisSince(recordStart);
            Environment.printLoad();

            long waitStart = System.nanoTime();
            long[] complete = awaitComplete(user, symbols, completeTimeout, pollMillis);
            long[] slices = sliceRuns(service);
            Environment.printLoad();

            String openPath = "/api/v1/portfolios/" + id;
            String historyPath = openPath + "/history?range=1y";
            int closed = held.size() - open;
            long firstStart = System.nanoTime();
            JsonNode firstOpen = user.get(openPath);
            long firstOpenNanos = System.nanoTime() - firstStart;
            JsonNode firstHistory = user.get(historyPath);
            long firstHistoryNanos = System.nanoTime() - firstStart - firstOpenNanos;
            check(firstOpen, firstHistory, open, closed);
            JsonNode lastPoint = firstHistory.get("points").get(firstHistory.get("count").asInt() - 1);
            System.out.printf("first open: prices %s, market value %s; history %s .. %s: %d points, %d carried days,"
                    + " last point value %s, missing %s%n", firstOpen.get("prices"),
                    firstOpen.get("totals").get("market_value"), firstHistory.get("from").asString(),
                    firstHistory.get("to").asString(), firstHistory.get("count").asInt(),
                    firstHistory.get("carried_days").asInt(), lastPoint.get("value"), lastPoint.get("missing"));

            long[] openNanos = new long[rounds];
            long[] historyNanos = new long[rounds];
            long[] roundNanos = new long[rounds];
            Map<String, Integer> priceSources = new TreeMap<>();
            long[] openBytes = {Long.MAX_VALUE, 0};
            long[] historyBytes = {Long.MAX_VALUE, 0};
            int reconnects;
            try (RawHttpConnection connection = new RawHttpConnection(service.port(), openPath, user.authorization())) {
                byte[] openRequest = connection.request(openPath);
                byte[] historyRequest = connection.request(historyPath);
                ByteArrayOutputStream openBody = new ByteArrayOutputStream(64 * 1024);
                ByteArrayOutputStream historyBody = new ByteArrayOutputStream(128 * 1024);
                for (int i = 0; i < warmup; i++) {
                    connection.send(openRequest, null);
                    connection.send(historyRequest, null);
                }
                Environment.printLoad();
                int reconnectsBefore = connection.reconnects();
                for (int i = 0; i < rounds; i++) {
                    openBody.reset();
                    historyBody.reset();
                    long t0 = System.nanoTime();
                    connection.send(openRequest, openBody);
                    long t1 = System.nanoTime();
                    connection.send(historyRequest, historyBody);
                    long t2 = System.nanoTime();
                    openNanos[i] = t1 - t0;
                    historyNanos[i] = t2 - t1;
                    roundNanos[i] = t2 - t0;
                    JsonNode valuation = JSON.readTree(openBody.toByteArray());
                    check(valuation, JSON.readTree(historyBody.toByteArray()), open, closed);
                    priceSources.merge(valuation.get("prices").toString(), 1, Integer::sum);
                    minMax(openBytes, openBody.size());
                    minMax(historyBytes, historyBody.size());
                }
                reconnects = connection.reconnects() - reconnectsBefore;
            }
            Environment.printLoad();

            PortfolioReports reports = service.context().getBean(PortfolioReports.class);
            JsonMapper mapper = service.context().getBean(JsonMapper.class);
            PortfolioReports.Valuation valuation = reports.value(caller, id);
            PortfolioReports.HistoryView history = reports.history(caller, id, "1y");
            List<Latencies> inProcess = List.of(
                    timed("in-process PortfolioReports.value", rounds, () -> reports.value(caller, id).positions().size()),
                    timed("in-process PortfolioReports.history 1y", rounds, () -> reports.history(caller, id, "1y").count()),
                    timed("in-process JSON writing of the open answer", rounds, () -> mapper.writeValueAsBytes(valuation).length),
                    timed("in-process JSON writing of the history answer", rounds, () -> mapper.writeValueAsBytes(history).length));

            System.out.println();
            System.out.printf("## Results (%d transactions, %d symbols, %d open positions)%n%n", plan.size(),
                    held.size(), open);
            System.out.println("| step | figure |");
            System.out.println("|---|---|");
            int tail = Math.min(100, recordNanos.length);
            System.out.printf(Locale.ROOT, "| recording %d transactions (one POST each) | %.1f s in all; per POST median %.1f ms,"
                    + " p90 %.1f ms, max %.1f ms; median of the first %d %.1f ms, of the last %d %.1f ms |%n", plan.size(),
                    recordMillis / 1e3, millis(recordNanos, 0.5), millis(recordNanos, 0.9), millis(recordNanos, 1), tail,
                    millis(Arrays.copyOfRange(recordNanos, 0, tail), 0.5), tail,
                    millis(Arrays.copyOfRange(recordNanos, recordNanos.length - tail, recordNanos.length), 0.5));
            System.out.printf(Locale.ROOT, "| backfill: slices run, last one finished after the first POST | %d slices, %.1f s |%n",
                    slices[0], (slices[1] - recordStartMillis) / 1e3);
            System.out.printf(Locale.ROOT, "| from the last POST until every 1d series is COMPLETE | %.1f s |%n",
                    (complete[0] - waitStart) / 1e9);
            System.out.printf(Locale.ROOT, "| ... until every series (all timeframes) is COMPLETE | %.1f s |%n",
                    (complete[1] - waitStart) / 1e9);
            System.out.printf(Locale.ROOT, "| first open + history (JDK HttpClient, code not warm) | %.1f + %.1f ms, prices %s |%n",
                    firstOpenNanos / 1e6, firstHistoryNanos / 1e6, firstOpen.get("prices"));
            System.out.printf("| open answer | %d–%d bytes, %d open + %d closed positions |%n", openBytes[0], openBytes[1],
                    open, closed);
            System.out.printf("| history answer | %d–%d bytes, %d points |%n", historyBytes[0], historyBytes[1],
                    history.count());
            System.out.printf("| price sources of the open answers (rounds) | %s |%n", priceSources);
            System.out.printf("| connections reopened by the server | %d |%n", reconnects);
            System.out.println();
            System.out.println(Latencies.header());
            System.out.println(new Latencies("GET /api/v1/portfolios/{id} (open)", openNanos).row());
            System.out.println(new Latencies("GET .../history?range=1y", historyNanos).row());
            System.out.println(new Latencies("**open + history, one round**", roundNanos).row());
            inProcess.forEach(l -> System.out.println(l.row()));
            Environment.printLoad();
        }
    }

    /**
     * {@code count} transactions at random weekday times (14:30–20:00 UTC) over the last {@code years} years up to
     * yesterday, in time order. The first 50 give each symbol its first buy; after that a symbol is picked at random
     * and bought (about 2 in 3) or partly sold (10–60 % of the holding, never all of it). Prices follow a random walk
     * per symbol from a plausible start; buys are worth $500–5,000.
     */
    static List<PlannedTrade> plan(List<String> symbols, int count, int years, long seed, LocalDate today) {
        if (count < symbols.size()) {
            throw new IllegalArgumentException("bench.transactions must be >= " + symbols.size() + ", was " + count);
        }
        Random random = new Random(seed);
        LocalDate first = today.minusYears(years);
        List<LocalDate> weekdays = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                weekdays.add(d);
            }
        }
        List<Instant> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDate day = weekdays.get(random.nextInt(weekdays.size()));
            times.add(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(870 + random.nextInt(330))));
        }
        Collections.sort(times);
        List<String> firstBuys = new ArrayList<>(symbols);
        Collections.shuffle(firstBuys, random);
        Map<String, Double> price = new HashMap<>();
        Map<String, LocalDate> priced = new HashMap<>();
        for (String s : symbols) {
            price.put(s, startPrice(s, random));
            priced.put(s, first);
        }
        Map<String, BigDecimal> held = new HashMap<>();
        List<PlannedTrade> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String s = i < firstBuys.size() ? firstBuys.get(i) : symbols.get(random.nextInt(symbols.size()));
            Instant time = times.get(i);
            LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
            // a random walk with a small upward drift, 2 % a day for stocks, 4 % for crypto
            double days = ChronoUnit.DAYS.between(priced.put(s, day), day);
            double volatility = s.endsWith("-USD") ? 0.04 : 0.02;
            double p = price.get(s) * Math.exp(0.0003 * days + volatility * Math.sqrt(days) * random.nextGaussian());
            price.put(s, p);
            BigDecimal unitPrice = BigDecimal.valueOf(p).setScale(p < 10 ? 4 : 2, RoundingMode.HALF_EVEN);
            BigDecimal holding = held.getOrDefault(s, BigDecimal.ZERO);
            BigDecimal quantity = null;
            if (holding.signum() > 0 && random.nextInt(3) == 0) {
                quantity = units(s, holding.multiply(BigDecimal.valueOf(0.1 + 0.5 * random.nextDouble())));
                if (quantity.signum() == 0 || quantity.compareTo(holding) >= 0) {
                    quantity = null;
                }
            }
            boolean buy = quantity == null;
            if (buy) {
                quantity = units(s, BigDecimal.valueOf((500 + 4_500 * random.nextDouble()) / p)).max(minimumUnit(s));
            }
            BigDecimal fee = BigDecimal.valueOf(random.nextInt(500), 2);
            plan.add(new PlannedTrade(s, buy, quantity, unitPrice, fee, time));
            held.put(s, buy ? holding.add(quantity) : holding.subtract(quantity));
        }
        return plan;
    }

    private static double startPrice(String symbol, Random random) {
        return switch (symbol) {
            case "BTC-USD" -> 9_000;
            case "ETH-USD" -> 600;
            case "SOL-USD" -> 2;
            case "ADA-USD" -> 0.15;
            case "XRP-USD" -> 0.4;
            default -> 20 + 300 * random.nextDouble();
        };
    }

    /** Whole shares for a stock, 6 decimals for crypto, rounded down. */
    private static BigDecimal units(String symbol, BigDecimal amount) {
        return amount.setScale(symbol.endsWith("-USD") ? 6 : 0, RoundingMode.DOWN);
    }

    private static BigDecimal minimumUnit(String symbol) {
        return symbol.endsWith("-USD") ? new BigDecimal("0.000001") : BigDecimal.ONE;
    }

    /** The quantity held of each symbol after every planned transaction. */
    private static Map<String, BigDecimal> holdings(List<PlannedTrade> plan) {
        Map<String, BigDecimal> held = new TreeMap<>();
        for (PlannedTrade t : plan) {
            held.merge(t.symbol(), t.buy() ? t.quantity() : t.quantity().negate(), BigDecimal::add);
        }
        return held;
    }

    /**
     * Polls the user's tracking list until every 1d series, then every series, of {@code symbols} is COMPLETE; returns
     * the {@link System#nanoTime()} of both moments.
     */
    private static long[] awaitComplete(ServiceClient user, List<String> symbols, Duration timeout, long pollMillis)
            throws InterruptedException {
        long start = System.nanoTime();
        long dailyDone = 0;
        List<Long> listNanos = new ArrayList<>();
        while (true) {
            long t0 = System.nanoTime();
            JsonNode list = user.get("/api/v1/tracking").get("symbols");
            listNanos.add(System.nanoTime() - t0);
            int daily = 0;
            int all = 0;
            Map<String, Integer> statuses = new TreeMap<>();
            for (JsonNode entry : list) {
                if (!symbols.contains(entry.get("symbol").asString())) {
                    continue;
                }
                boolean allComplete = !entry.get("timeframes").isEmpty();
                for (JsonNode tf : entry.get("timeframes")) {
                    JsonNode status = tf.get("job_status");
                    String s = status == null ? "none" : status.asString();
                    statuses.merge(tf.get("timeframe").asString() + " " + s, 1, Integer::sum);
                    allComplete &= s.equals("COMPLETE");
                    if (tf.get("timeframe").asString().equals("1d") && s.equals("COMPLETE")) {
                        daily++;
                    }
                }
                all += allComplete ? 1 : 0;
            }
            long now = System.nanoTime();
            if (daily == symbols.size() && dailyDone == 0) {
                dailyDone = now;
            }
            if (all == symbols.size()) {
                long[] sorted = listNanos.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "every series COMPLETE after %.1f s (%d polls of GET /api/v1/tracking,"
                        + " median %.0f ms)%n", (now - start) / 1e9, sorted.length, sorted[sorted.length / 2] / 1e6);
                return new long[] {dailyDone, now};
            }
            if (now - start > timeout.toNanos()) {
                throw new IllegalStateException("Not every series was COMPLETE after " + timeout + ": " + statuses);
            }
            Thread.sleep(pollMillis);
        }
    }

    /** How many backfill slices ran, and when the last one finished (epoch ms), from the service's run table. */
    private static long[] sliceRuns(RunningService service) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + service.dbFile().toAbsolutePath());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), max(finished_at) FROM backfill_run")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Throws unless the answers list the expected positions and one history point a day from 'from' to 'to'. */
    private static void check(JsonNode valuation, JsonNode history, int open, int closed) {
        int positions = valuation.get("positions").size();
        int closedPositions = valuation.get("closed_positions").size();
        if (positions != open || closedPositions != closed) {
            throw new IllegalStateException("Expected " + open + " open and " + closed + " closed positions, got "
                    + positions + " and " + closedPositions);
        }
        long days = ChronoUnit.DAYS.between(LocalDate.parse(history.get("from").asString()),
                LocalDate.parse(history.get("to").asString())) + 1;
        if (history.get("count").asInt() != days || history.get("points").size() != days) {
            throw new IllegalStateException("Expected " + days + " history points (crypto is held: weekends too), got "
                    + history.get("count"));
        }
    }

    private static Latencies timed(String name, int times, LongSupplier task) {
        for (int i = 0; i < times / 5; i++) {
            task.getAsLong();
        }
        long[] nanos = new long[times];
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            task.getAsLong();
            nanos[i] = System.nanoTime() - t0;
        }
        return new Latencies(name, nanos);
    }

    private static void minMax(long[] minMax, long value) {
        minMax[0] = Math.min(minMax[0], value);
        minMax[1] = Math.max(minMax[1], value);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
