import io.candlekeep.core.bars.Resampler;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP and database side of scripts/crash-test.sh (and of scripts/cluster-test.sh, whose own checks are in
 * ClusterCheck), in Java so the tests need nothing but the JDK and the service's own jar (no curl, sqlite3, psql or
 * python). The scripts compile it against candlekeep-core, the JDBC drivers and Jackson taken out of the executable
 * jar.
 *
 * <pre>
 * health PORT TIMEOUT_S PID          wait until /actuator/health is UP (fails at once if PID dies)
 * track  PORT SYMBOLS_CSV [MARKER]   POST /api/v1/tracking for all four timeframes; creates MARKER just before
 * tracked PORT COUNT                succeeds when COUNT symbols are tracked
 * await  PORT TIMEOUT_S              wait until every tracked series' job is COMPLETE
 * api    PORT TRACKED_AT_MS SYMBOLS_CSV   checks over HTTP: statuses, bars vs expected_bars, no duplicate bar
 * db     DB TRACKED_AT_MS            checks on the database after a clean stop: integrity (SQLite), duplicates, runs,
 *                                    gaps; DB is the SQLite file or a jdbc:postgresql: URL
 * </pre>
 *
 * Exit status 0 means every check passed; each failure is printed as a line starting with FAIL.
 */
final class CrashCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> TIMEFRAMES = List.of("15m", "1h", "4h", "1d");

    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        CrashCheck check = new CrashCheck();
        switch (args[0]) {
            case "health" -> check.health(Integer.parseInt(args[1]), Duration.ofSeconds(Long.parseLong(args[2])),
                    Long.parseLong(args[3]));
            case "track" -> check.track(Integer.parseInt(args[1]), List.of(args[2].split(",")),
                    args.length > 3 ? Optional.of(Path.of(args[3])) : Optional.empty());
            case "tracked" -> check.tracked(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "await" -> check.await(Integer.parseInt(args[1]), Duration.ofSeconds(Long.parseLong(args[2])));
            case "api" -> check.api(Integer.parseInt(args[1]), Long.parseLong(args[2]), List.of(args[3].split(",")));
            case "db" -> check.db(args[1], Long.parseLong(args[2]));
            default -> usage();
        }
        if (!check.failures.isEmpty()) {
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: CrashCheck health|track|tracked|await|api|db ... (see the class comment)");
        System.exit(2);
    }

    private void fail(String message) {
        failures.add(message);
        System.out.println("FAIL " + message);
    }

    private void health(int port, Duration timeout, long pid) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                fail("the service (pid " + pid + ") exited before it was healthy; last health answer: " + last);
                return;
            }
            try {
                HttpResponse<String> r = get(port, "/actuator/health");
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && "UP".equals(JSON.readTree(r.body()).path("status").asString(""))) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        fail("the service was not healthy within " + timeout.toSeconds() + " s; last health answer: " + last);
    }

    /** The marker tells the script the request is on its way, so its kill timer starts with the request. */
    private void track(int port, List<String> symbols, Optional<Path> marker) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("symbols", symbols, "source", "watchlist",
                "timeframes", TIMEFRAMES));
        HttpRequest request = HttpRequest.newBuilder(uri(port, "/api/v1/tracking"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        get(port, "/actuator/health");
        if (marker.isPresent()) {
            Files.createFile(marker.get());
        }
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(r.statusCode() + " " + r.body());
        if (r.statusCode() != 200 || !JSON.readTree(r.body()).path("success").asBoolean(false)) {
            fail("POST /api/v1/tracking answered " + r.statusCode() + " " + r.body());
        }
    }

    private void tracked(int port, int count) throws IOException, InterruptedException {
        int tracked = getJson(port, "/api/v1/tracking?limit=1").path("total").asInt();
        System.out.println("tracked symbols: " + tracked);
        if (tracked != count) {
            fail(tracked + " symbols tracked, expected " + count);
        }
    }

    private void await(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> pending = Map.of();
        while (System.nanoTime() < deadline) {
            pending = pendingSeries(trackingList(port));
            if (pending.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("series not COMPLETE after " + timeout.toSeconds() + " s: " + pending);
    }

    /** Tracked series whose job is not COMPLETE, with their status and progress. */
    private static Map<String, String> pendingSeries(JsonNode tracking) {
        Map<String, String> pending = new TreeMap<>();
        for (JsonNode s : tracking.path("symbols")) {
            for (JsonNode tf : s.path("timeframes")) {
                String status = tf.path("job_status").asString("NONE");
                if (!"COMPLETE".equals(status)) {
                    pending.put(s.path("symbol").asString() + " " + tf.path("timeframe").asString(), status + " "
                            + tf.path("slices_done").asInt() + "/" + tf.path("slices_total").asInt());
                }
            }
        }
        return pending;
    }

    private void api(int port, long trackedAtMs, List<String> symbols) throws IOException, InterruptedException {
        JsonNode tracking = trackingList(port);
        Map<String, JsonNode> bySymbol = new HashMap<>();
        tracking.path("symbols").forEach(s -> bySymbol.put(s.path("symbol").asString(), s));
        if (bySymbol.size() != symbols.size()) {
            fail("GET /api/v1/tracking lists " + bySymbol.size() + " symbols, expected " + symbols.size());
        }
        Instant now = Instant.now();
        int series = 0;
        long bars = 0;
        for (String text : symbols) {
            Symbol symbol = Symbol.of(text);
            JsonNode s = bySymbol.get(symbol.value());
            if (s == null) {
                fail(symbol + " is not tracked");
                continue;
            }
            if (!"ACTIVE".equals(s.path("status").asString())) {
                fail(symbol + " status is " + s.path("status").asString() + ": " + s.path("status_reason").asString(""));
            }
            Map<String, JsonNode> byTimeframe = new HashMap<>();
            s.path("timeframes").forEach(tf -> byTimeframe.put(tf.path("timeframe").asString(), tf));
            for (String code : TIMEFRAMES) {
                JsonNode tf = byTimeframe.get(code);
                if (tf == null) {
                    fail(symbol + " " + code + " is not tracked");
                    continue;
                }
                series++;
                String status = tf.path("job_status").asString("NONE");
                if (!"COMPLETE".equals(status)) {
                    fail(symbol + " " + code + " job is " + status);
                }
                long stored = tf.path("bars").asLong();
                long expected = tf.path("expected_bars").asLong();
                // bars that began after the plan was made are the next sync's work, not a gap
                MarketCalendar calendar = MarketCalendars.forSymbol(symbol);
                long newSince = calendar.expectedStarts(Timeframe.of(code), Instant.ofEpochMilli(trackedAtMs), now).length;
                if (stored < expected - 1 - newSince || stored > expected + 1) {
                    fail(symbol + " " + code + " holds " + stored + " bars, expected_bars " + expected + " (tolerance -"
                            + (1 + newSince) + "/+1)");
                }
                bars += checkBarsAnswer(port, symbol, code, stored);
            }
        }
        System.out.printf("api: %d series, %d bars read back, every series COMPLETE and within its expected_bars: %s%n",
                series, bars, failures.isEmpty() ? "yes" : "NO");
    }

    /** Reads the series back as CSV: starts strictly increase (no duplicate) and the count matches coverage. */
    private long checkBarsAnswer(int port, Symbol symbol, String timeframe, long stored)
            throws IOException, InterruptedException {
        String path = "/api/v1/bars/" + URLEncoder.encode(symbol.value(), StandardCharsets.UTF_8) + "?timeframe="
                + timeframe + "&format=csv&limit=50000";
        HttpResponse<String> r = get(port, path);
        if (r.statusCode() != 200) {
            fail("GET " + path + " answered " + r.statusCode() + " " + r.body());
            return 0;
        }
        String[] lines = r.body().split("\n");
        long previous = Long.MIN_VALUE;
        int duplicates = 0;
        for (int i = 1; i < lines.length; i++) {
            long start = Instant.parse(lines[i].substring(0, lines[i].indexOf(','))).toEpochMilli();
            if (start <= previous) {
                duplicates++;
            }
            previous = start;
        }
        long count = lines.length - 1;
        if (duplicates > 0) {
            fail(symbol + " " + timeframe + ": the bars answer repeats or reorders " + duplicates + " bars");
        }
        if (count != stored) {
            fail(symbol + " " + timeframe + ": the bars answer has " + count + " bars, coverage says " + stored);
        }
        return count;
    }

    /** A SQLite file, or a JDBC URL as it stands. */
    static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + db);
    }

    private void db(String db, long trackedAtMs) throws SQLException {
        try (Connection c = connect(db)) {
            boolean sqlite = c.getMetaData().getURL().startsWith("jdbc:sqlite:");
            // PostgreSQL checks its pages and foreign keys as it writes them
            List<String> integrity = sqlite ? strings(c, "PRAGMA integrity_check") : List.of("ok");
            if (!integrity.equals(List.of("ok"))) {
                fail("PRAGMA integrity_check: " + integrity);
            }
            List<String> foreignKeys = sqlite ? strings(c, "PRAGMA foreign_key_check") : List.of();
            if (!foreignKeys.isEmpty()) {
                fail("PRAGMA foreign_key_check: " + foreignKeys);
            }
            List<String> duplicated = strings(c, """
                    SELECT series_id || ' ' || start_ms || ' x' || COUNT(*) FROM bars
                     GROUP BY series_id, start_ms HAVING COUNT(*) > 1""");
            if (!duplicated.isEmpty()) {
                fail(duplicated.size() + " duplicated (series_id, start_ms): " + duplicated.subList(0, Math.min(5, duplicated.size())));
            }
            long running = number(c, "SELECT COUNT(*) FROM backfill_run WHERE status = 'RUNNING'");
            if (running > 0) {
                fail(running + " backfill runs left RUNNING after a clean stop");
            }
            List<String> openJobs = strings(c, "SELECT symbol || ' ' || timeframe || ' ' || status FROM series_job WHERE status <> 'COMPLETE'");
            if (!openJobs.isEmpty()) {
                fail("jobs not COMPLETE: " + openJobs);
            }
            long leftover = number(c, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'backfill-slice'");
            if (leftover > 0) {
                fail(leftover + " backfill slices still queued in scheduled_tasks");
            }
            checkSeries(c, trackedAtMs);
            Map<String, Long> runs = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM backfill_run GROUP BY status ORDER BY status")) {
                while (rs.next()) {
                    runs.put(rs.getString(1), rs.getLong(2));
                }
            }
            long rerun = number(c, """
                    SELECT COUNT(*) FROM (SELECT 1 FROM backfill_run WHERE status IN ('SUCCEEDED', 'NO_DATA')
                     GROUP BY symbol, timeframe, job_seq, slice_start HAVING COUNT(*) > 1) t""");
            if (rerun > 0) {
                fail(rerun + " slices were finished (SUCCEEDED or NO_DATA) by more than one run of their plan");
            }
            List<String> unfinished = strings(c, """
                    SELECT j.symbol || ' ' || j.timeframe || ' plan ' || j.job_seq || ': ' || COUNT(DISTINCT r.slice_start)
                           || ' of ' || j.slices_total || ' slices finished'
                      FROM series_job j LEFT JOIN backfill_run r ON r.symbol = j.symbol AND r.timeframe = j.timeframe
                           AND r.job_seq = j.job_seq AND r.status IN ('SUCCEEDED', 'NO_DATA')
                     GROUP BY j.symbol, j.timeframe, j.job_seq, j.slices_total
                    HAVING COUNT(DISTINCT r.slice_start) <> j.slices_total""");
            if (!unfinished.isEmpty()) {
                fail(unfinished.size() + " current plans without exactly one finished run per slice: "
                        + unfinished.subList(0, Math.min(5, unfinished.size())));
            }
            System.out.printf("db: integrity ok=%s, bars=%d, series=%d, runs by status=%s, slices finished twice=%d%n",
                    integrity.equals(List.of("ok")), number(c, "SELECT COUNT(*) FROM bars"),
                    number(c, "SELECT COUNT(*) FROM series"), runs, rerun);
            System.out.println("interrupted_runs=" + runs.getOrDefault("INTERRUPTED", 0L));
        }
    }

    /**
     * Against the calendar: every bar that began in [window start, tracked at) is stored, no stored bar is off
     * the calendar, and each derived 4h bar equals the resampled stored 1h bars.
     */
    private void checkSeries(Connection c, long trackedAtMs) throws SQLException {
        Map<String, Long> windowStart = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT symbol, timeframe, CASE WHEN beyond_reach_before_ms > window_start_ms
                               THEN beyond_reach_before_ms ELSE window_start_ms END FROM series_job""")) {
            while (rs.next()) {
                windowStart.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
            }
        }
        int checked = 0;
        long missingTotal = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT symbol, timeframe FROM tracked_series ORDER BY symbol, timeframe")) {
            while (rs.next()) {
                Symbol symbol = Symbol.of(rs.getString(1));
                Timeframe tf = Timeframe.of(rs.getString(2));
                Timeframe fetched = tf == Timeframe.H4 ? Timeframe.H1 : tf;
                Long from = windowStart.get(symbol.value() + " " + fetched.code());
                if (from == null) {
                    fail(symbol + " " + tf + " has no job");
                    continue;
                }
                MarketCalendar calendar = MarketCalendars.forSymbol(symbol);
                BarSeries stored = read(c, symbol, tf);
                long[] expected = tradedStarts(calendar, tf, from, trackedAtMs);
                long[] have = new long[stored.size()];
                Arrays.setAll(have, stored::startMillis);
                long missing = Arrays.stream(expected).filter(t -> Arrays.binarySearch(have, t) < 0).count();
                if (missing > 0) {
                    fail(symbol + " " + tf + ": " + missing + " of the " + expected.length + " bars in its window are missing, first at "
                            + Instant.ofEpochMilli(Arrays.stream(expected).filter(t -> Arrays.binarySearch(have, t) < 0).findFirst().getAsLong()));
                }
                missingTotal += missing;
                if (!stored.isEmpty()) {
                    long[] grid = calendar.expectedStarts(tf, Instant.ofEpochMilli(have[0]),
                            Instant.ofEpochMilli(have[have.length - 1] + 1));
                    long offGrid = Arrays.stream(have).filter(t -> Arrays.binarySearch(grid, t) < 0).count();
                    if (offGrid > 0) {
                        fail(symbol + " " + tf + ": " + offGrid + " stored bars start off the calendar");
                    }
                }
                if (tf == Timeframe.H4) {
                    checkDerived(symbol, read(c, symbol, Timeframe.H1), stored, from, calendar);
                }
                checked++;
            }
        }
        System.out.printf("db: %d series checked against the calendar, %d bars missing in their windows%n", checked, missingTotal);
    }

    /**
     * The bar starts in {@code [fromMs, toMs)} with trading before {@code toMs}: the last start the calendar gives may
     * belong to a bar whose trading begins after it (an FX 4h bar starts at 20:00 UTC on Sunday, the week opens at
     * 22:00), which no provider can have yet.
     */
    private static long[] tradedStarts(MarketCalendar calendar, Timeframe tf, long fromMs, long toMs) {
        long[] starts = calendar.expectedStarts(tf, Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs));
        if (starts.length > 0 && calendar.expectedStarts(Timeframe.M15, Instant.ofEpochMilli(starts[starts.length - 1]),
                Instant.ofEpochMilli(toMs)).length == 0) {
            return Arrays.copyOf(starts, starts.length - 1);
        }
        return starts;
    }

    private void checkDerived(Symbol symbol, BarSeries hourly, BarSeries fourHourly, long fromMs, MarketCalendar calendar) {
        BarSeries expected = Resampler.resample(hourly, Timeframe.H1, Timeframe.H4, calendar, Instant.now());
        Map<Long, Bar> stored = new HashMap<>();
        fourHourly.toList().forEach(b -> stored.put(b.startMillis(), b));
        int wrong = 0;
        String first = null;
        for (Bar want : expected.toList()) {
            if (want.startMillis() < fromMs) {
                continue;
            }
            Bar got = stored.get(want.startMillis());
            if (got == null || got.open() != want.open() || got.high() != want.high() || got.low() != want.low()
                    || got.close() != want.close() || got.volume() != want.volume()) {
                wrong++;
                if (first == null) {
                    first = "stored " + got + " vs resampled " + want;
                }
            }
        }
        if (wrong > 0) {
            fail(symbol + " 4h: " + wrong + " bars differ from the resampled 1h bars, first: " + first);
        }
    }

    /** The stored bars of a series; a row no {@link Bar} accepts (off the grid, high below low) is a failure. */
    private BarSeries read(Connection c, Symbol symbol, Timeframe tf) throws SQLException {
        List<Bar> bars = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT b.start_ms, b.open, b.high, b.low, b.close, b.volume, b.final FROM bars b
                  JOIN series s ON s.id = b.series_id WHERE s.symbol = ? AND s.timeframe = ? ORDER BY b.start_ms""")) {
            ps.setString(1, symbol.value());
            ps.setString(2, tf.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        bars.add(new Bar(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2), rs.getDouble(3),
                                rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getInt(7) == 1));
                    } catch (IllegalArgumentException e) {
                        fail(symbol + " " + tf + ": invalid stored bar: " + e.getMessage());
                    }
                }
            }
        }
        return BarSeries.of(bars);
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The token crash-test.sh started the service with. */
    private static final String AUTHORIZATION = "Bearer " + System.getenv("CANDLEKEEP_SECURITY_ADMIN_TOKEN");

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTHORIZATION).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The caller's whole tracking list, {@code {"symbols":[...]}}, read a page of 500 at a time. */
    private static JsonNode trackingList(int port) throws IOException, InterruptedException {
        ArrayNode all = JSON.createArrayNode();
        String cursor = null;
        do {
            JsonNode page = getJson(port, "/api/v1/tracking?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("symbols").forEach(all::add);
            JsonNode next = page.path("next_cursor");
            cursor = next.isString() ? next.asString() : null;
        } while (cursor != null);
        ObjectNode list = JSON.createObjectNode();
        list.set("symbols", all);
        return list;
    }

    private static JsonNode getJson(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(port, path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
