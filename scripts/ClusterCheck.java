import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The cluster side of scripts/cluster-test.sh: what CrashCheck does not already check (CrashCheck covers health,
 * tracking, completion, the API answers and the bars against the calendar, on PostgreSQL as on SQLite). Compiled
 * with CrashCheck against the libraries inside the service's jar.
 *
 * <pre>
 * createdb ADMIN_URL NAME                     a fresh database NAME (dropped first when it exists)
 * dropdb   ADMIN_URL NAME
 * progress DB_URL MIN_FRACTION TIMEOUT_S [INSTANCE]
 *                  waits until MIN_FRACTION of the planned slices are finished and, with INSTANCE, until that
 *                  instance holds at least one slice (picked_by); prints what it holds
 * takeover DB_URL INSTANCE SINCE_MS TIMEOUT_S  waits until no execution is held by INSTANCE any more (another instance
 *                  took its slices over), prints how long after SINCE_MS
 * recovery DB_URL TIMEOUT_S PORTS_CSV COMMAND  runs COMMAND (bash -c: the database restart), then waits until every
 *                  instance answers health UP and new bars were written; prints how long each took after the
 *                  database was back, and outage_start_ms / outage_end_ms for the schedules check
 * schedules DB_URL LOG_DIR INTERVALS [WINDOW...]
 *                  from the instances' logs (LOG_DIR/instance-*.log) and schedule_state: each schedule ran on one
 *                  instance at a time, once per tick, and never stalled; INTERVALS is id=seconds,...; a WINDOW,
 *                  outage=START_MS-END_MS (the database away, a minute more to reconnect) or held=START_MS-END_MS
 *                  (every job thread held at the provider's gate, where schedules wait for a thread too), lengthens
 *                  the gap allowed across it
 * subscribe PORT OUT_FILE SYMBOLS_CSV
 *                  a subscriber of the instance's feed (/api/v1/stream) to the bars of SYMBOLS_CSV in every timeframe:
 *                  prints "subscribed" once it is, then writes each final bar it is sent (snapshots included) to
 *                  OUT_FILE as "SYMBOL TIMEFRAME START_MS OPEN HIGH LOW CLOSE VOLUME", until the socket closes
 * stream DB_URL FILE...
 *                  each subscriber (FILE) was last sent, per series, the newest final bar the database holds, with its
 *                  stored values: every instance's subscribers saw the same final bars
 * lease DB_URL NAME VICTIM SINCE_MS TIMEOUT_S
 *                  VICTIM (killed at SINCE_MS) held the lease NAME, and another instance holds it within TIMEOUT_S;
 *                  prints who and how long after the kill (lease_takeover_ms=)
 * </pre>
 *
 * Exit status 0 means every check passed; each failure is printed as a line starting with FAIL.
 */
final class ClusterCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String AUTHORIZATION = "Bearer " + System.getenv("CANDLEKEEP_SECURITY_ADMIN_TOKEN");

    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        ClusterCheck check = new ClusterCheck();
        switch (args[0]) {
            case "createdb" -> check.createdb(args[1], args[2]);
            case "dropdb" -> check.dropdb(args[1], args[2]);
            case "progress" -> check.progress(args[1], Double.parseDouble(args[2]), seconds(args[3]),
                    args.length > 4 ? args[4] : null);
            case "takeover" -> check.takeover(args[1], args[2], Long.parseLong(args[3]), seconds(args[4]));
            case "recovery" -> check.recovery(args[1], seconds(args[2]),
                    Stream.of(args[3].split(",")).mapToInt(Integer::parseInt).toArray(), args[4]);
            case "schedules" -> check.schedules(args[1], Path.of(args[2]), intervals(args[3]),
                    Stream.of(args).skip(4).map(Window::parse).toList());
            case "subscribe" -> check.subscribe(Integer.parseInt(args[1]), Path.of(args[2]), List.of(args[3].split(",")));
            case "stream" -> check.stream(args[1], Stream.of(args).skip(2).map(Path::of).toList());
            case "lease" -> check.lease(args[1], args[2], args[3], Long.parseLong(args[4]), seconds(args[5]));
            default -> usage();
        }
        if (!check.failures.isEmpty()) {
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: ClusterCheck createdb|dropdb|progress|takeover|recovery|schedules|subscribe|stream|lease"
                + " ... (see the class comment)");
        System.exit(2);
    }

    private static Duration seconds(String text) {
        return Duration.ofSeconds(Long.parseLong(text));
    }

    private static Map<String, Duration> intervals(String spec) {
        Map<String, Duration> out = new TreeMap<>();
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], Duration.ofMillis(Math.round(Double.parseDouble(kv[1]) * 1000)));
        }
        return out;
    }

    private void fail(String message) {
        failures.add(message);
        System.out.println("FAIL " + message);
    }

    private void createdb(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
            st.execute("CREATE DATABASE \"" + name + "\"");
        }
    }

    private void dropdb(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }

    /** Slices of the current plans: how many there are, and how many have a finished run. */
    private record Progress(long planned, long finished, long heldBy) {
        double fraction() {
            return planned == 0 ? 0 : (double) finished / planned;
        }
    }

    private static Progress progress(Connection c, String instance) throws SQLException {
        long planned = CrashCheck.number(c, "SELECT COALESCE(SUM(slices_total), 0) FROM series_job");
        long finished = CrashCheck.number(c, """
                SELECT COUNT(*) FROM (SELECT DISTINCT r.symbol, r.timeframe, r.slice_start FROM backfill_run r
                  JOIN series_job j ON j.symbol = r.symbol AND j.timeframe = r.timeframe AND j.job_seq = r.job_seq
                 WHERE r.status IN ('SUCCEEDED', 'NO_DATA')) t""");
        long held = instance == null ? 0 : CrashCheck.number(c, "SELECT COUNT(*) FROM scheduled_tasks WHERE picked AND "
                + "task_name = 'backfill-slice' AND picked_by = '" + instance.replace("'", "''") + "'");
        return new Progress(planned, finished, held);
    }

    private void progress(String url, double minFraction, Duration timeout, String instance)
            throws SQLException, InterruptedException {
        Progress p;
        try (Connection c = DriverManager.getConnection(url)) {
            // counted from the first answer, and asked at least once: on a busy machine connecting alone can take seconds
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                p = progress(c, instance);
                if (p.planned() > 0 && p.fraction() >= minFraction && (instance == null || p.heldBy() > 0)) {
                    System.out.printf(Locale.ROOT, "%d of %d slices finished (%.0f%%)%s%n", p.finished(), p.planned(),
                            100 * p.fraction(), instance == null ? "" : "; " + instance + " holds " + p.heldBy());
                    return;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
        }
        fail(String.format(Locale.ROOT, "after %d s: %d of %d slices finished%s", timeout.toSeconds(), p.finished(),
                p.planned(), instance == null ? "" : ", " + instance + " holds " + p.heldBy()));
    }

    private void takeover(String url, String instance, long sinceMs, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT COUNT(*) FROM scheduled_tasks WHERE picked AND picked_by = '" + instance.replace("'", "''") + "'";
        try (Connection c = DriverManager.getConnection(url)) {
            long held = CrashCheck.number(c, sql);
            System.out.println("executions still held by " + instance + ": " + held);
            while (System.nanoTime() < deadline) {
                if (CrashCheck.number(c, sql) == 0) {
                    System.out.printf(Locale.ROOT, "took over %d s after the kill: nothing held by %s any more%n",
                            (System.currentTimeMillis() - sinceMs) / 1000, instance);
                    System.out.println("takeover_ms=" + (System.currentTimeMillis() - sinceMs));
                    return;
                }
                Thread.sleep(100);
            }
            fail(CrashCheck.number(c, sql) + " executions still held by " + instance + " " + timeout.toSeconds()
                    + " s after it was killed");
        }
    }

    /**
     * Restarts the database with {@code command}; then every instance must be healthy again, and bars written since,
     * without restarting anything. Both delays are measured from the end of the restart, so that this checker's own
     * start does not count.
     */
    private void recovery(String url, Duration timeout, int[] ports, String command)
            throws InterruptedException, IOException, SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            Progress p = progress(c, null);
            if (p.finished() == p.planned()) {
                fail("the backfill ended before the restart: no writes left to recover (track more symbols)");
                return;
            }
            System.out.printf("%d slices outstanding at the restart%n", p.planned() - p.finished());
        }
        long outageStart = System.currentTimeMillis();
        Process restart = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (restart.waitFor() != 0) {
            fail("the restart command failed (exit " + restart.exitValue() + "): " + command);
            return;
        }
        long sinceMs = System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "database down and back in %d ms%n", sinceMs - outageStart);
        System.out.println("outage_start_ms=" + outageStart);
        System.out.println("outage_end_ms=" + sinceMs);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Map<Integer, Long> healthyAfter = new TreeMap<>();
        long barsAfter = -1;
        String lastDbError = "";
        while (System.currentTimeMillis() < deadline && (healthyAfter.size() < ports.length || barsAfter < 0)) {
            for (int port : ports) {
                if (!healthyAfter.containsKey(port) && healthUp(port)) {
                    healthyAfter.put(port, System.currentTimeMillis() - sinceMs);
                }
            }
            if (barsAfter < 0) {
                try (Connection c = DriverManager.getConnection(url)) {
                    long written = CrashCheck.number(c, "SELECT COALESCE(SUM(rows_written), 0) FROM backfill_run "
                            + "WHERE status = 'SUCCEEDED' AND finished_at >= " + sinceMs);
                    if (written > 0) {
                        barsAfter = System.currentTimeMillis() - sinceMs;
                    }
                } catch (SQLException e) {
                    lastDbError = e.getMessage();
                }
            }
            Thread.sleep(100);
        }
        for (int port : ports) {
            if (healthyAfter.containsKey(port)) {
                System.out.printf(Locale.ROOT, "instance on port %d: health UP %.1f s after the restart%n", port,
                        healthyAfter.get(port) / 1000.0);
            } else {
                fail("instance on port " + port + " not UP " + timeout.toSeconds() + " s after the database restart");
            }
        }
        if (barsAfter >= 0) {
            System.out.printf(Locale.ROOT, "new bars written %.1f s after the restart%n", barsAfter / 1000.0);
            System.out.println("recovery_ms=" + Math.max(barsAfter, healthyAfter.values().stream()
                    .mapToLong(Long::longValue).max().orElse(0)));
        } else {
            fail("no bars written within " + timeout.toSeconds() + " s of the database restart"
                    + (lastDbError.isEmpty() ? "" : " (checker: " + lastDbError + ")"));
        }
    }

    private static boolean healthUp(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(1)).header("Authorization", AUTHORIZATION).GET().build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && "UP".equals(JSON.readTree(r.body()).path("status").asString(""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- schedules ------------------------------------------------------------------------------------------

    // 2026-12-01T13:53:44.842Z  INFO 5733 --- [candlekeep] [pool-2-thread-3] i.c.app.schedule.ScheduleRunner : message
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\S+)\\s+\\w+\\s+\\d+\\s+---\\s+\\[[^\\]]*\\]\\s+\\[\\s*([^\\]]*?)\\]\\s+\\S+\\s+:\\s(.*)$");
    private static final Pattern STARTED = Pattern.compile("^\\[SCHEDULER\\] (.+) started$");
    private static final Pattern DONE = Pattern.compile("^\\[SCHEDULER\\] (.+) done: .*");
    private static final Pattern BROUGHT_FORWARD = Pattern.compile("^\\[SCHEDULER\\] (.+) brought forward .*");
    private static final Pattern ENGINE_STARTED = Pattern.compile("^\\[JOBS\\] job engine started as ([^:]+):.*");

    /** One run of one schedule on one instance; {@code end} is the log's last line when it never finished. */
    private record Run(String title, String instance, long start, long end, boolean finished) {
    }

    /** What one instance's log says. */
    private record InstanceLog(String name, long engineStart, long lastLine, boolean stoppedCleanly, List<Run> runs,
            Map<String, List<Long>> broughtForward) {
    }

    private static InstanceLog readLog(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.log$", "");
        long engineStart = -1;
        long last = -1;
        boolean stopped = false;
        List<Run> runs = new ArrayList<>();
        Map<String, String[]> open = new HashMap<>();
        Map<String, List<Long>> forward = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long t = Instant.parse(m.group(1)).toEpochMilli();
            last = t;
            String thread = m.group(2).strip();
            String message = m.group(3);
            Matcher x;
            if ((x = ENGINE_STARTED.matcher(message)).matches()) {
                engineStart = t;
                name = x.group(1);
            } else if (message.startsWith("[JOBS] job engine stopped")) {
                stopped = true;
            } else if ((x = STARTED.matcher(message)).matches()) {
                open.put(thread, new String[] {x.group(1), Long.toString(t)});
            } else if ((x = DONE.matcher(message)).matches()) {
                String[] begun = open.remove(thread);
                if (begun != null && begun[0].equals(x.group(1))) {
                    runs.add(new Run(begun[0], name, Long.parseLong(begun[1]), t, true));
                }
            } else if ((x = BROUGHT_FORWARD.matcher(message)).matches()) {
                forward.computeIfAbsent(x.group(1), k -> new ArrayList<>()).add(t);
            }
        }
        for (String[] begun : open.values()) {
            runs.add(new Run(begun[0], name, Long.parseLong(begun[1]), last, false));
        }
        String instance = name;
        List<Run> named = runs.stream().map(r -> new Run(r.title(), instance, r.start(), r.end(), r.finished())).toList();
        return new InstanceLog(name, engineStart, last, stopped, named, forward);
    }

    /** A schedule's id ({@code live-refresh}) for its title in the log ({@code live refresh}, {@code health check}). */
    private static String idOf(String title, Iterable<String> ids) {
        String dashed = title.replace(' ', '-');
        for (String id : ids) {
            if (dashed.equals(id) || dashed.startsWith(id + "-")) {
                return id;
            }
        }
        return dashed;
    }

    /** A time the schedules could not run as usual, and the time it takes them beyond its length to run again. */
    private record Window(long start, long end, long slack) {
        static Window parse(String text) {
            String[] kind = text.split("=", 2);
            String[] range = kind[1].split("-", 2);
            long slack = switch (kind[0]) {
                case "outage" -> 60_000;
                case "held" -> 0;
                default -> throw new IllegalArgumentException("a window is outage=START-END or held=START-END: " + text);
            };
            return new Window(Long.parseLong(range[0]), Long.parseLong(range[1]), slack);
        }

        boolean overlaps(long from, long to) {
            return from <= end && to >= start;
        }

        /** What a gap from {@code from} to {@code to} may take beyond the usual because of this window. */
        long allowance(long from, long to) {
            return overlaps(from, to) ? end - start + slack : 0;
        }
    }

    private void schedules(String url, Path logDir, Map<String, Duration> intervals, List<Window> windows)
            throws IOException, SQLException {
        List<InstanceLog> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("instance-.*\\.log")).sorted().toList()) {
                logs.add(readLog(f));
            }
        }
        Map<String, Long> countedRuns = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, runs FROM schedule_state")) {
            while (rs.next()) {
                countedRuns.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<Long> engineStarts = logs.stream().map(InstanceLog::engineStart).filter(t -> t > 0).toList();
        // the schedules are watched until the first clean stop: after it, fewer instances share them
        long observedUntil = logs.stream().filter(InstanceLog::stoppedCleanly).mapToLong(InstanceLog::lastLine).min()
                .orElse(logs.stream().mapToLong(InstanceLog::lastLine).max().orElse(0));
        Map<String, List<Run>> byId = new TreeMap<>();
        Map<String, List<Long>> forwardById = new HashMap<>();
        for (InstanceLog l : logs) {
            for (Run r : l.runs()) {
                byId.computeIfAbsent(idOf(r.title(), intervals.keySet()), k -> new ArrayList<>()).add(r);
            }
            l.broughtForward().forEach((title, times) ->
                    forwardById.computeIfAbsent(idOf(title, intervals.keySet()), k -> new ArrayList<>()).addAll(times));
        }
        Duration deadAllowance = Duration.ofSeconds(15);
        System.out.printf("%-16s %8s %6s  %-30s %10s %10s  %s%n", "schedule", "interval", "runs", "by instance",
                "min gap s", "max gap s", "exempt (start/forward/after kill)");
        for (Map.Entry<String, Duration> e : intervals.entrySet()) {
            String id = e.getKey();
            long interval = e.getValue().toMillis();
            List<Run> runs = new ArrayList<>(byId.getOrDefault(id, List.of()));
            runs.sort(Comparator.comparingLong(Run::start));
            long finished = runs.stream().filter(Run::finished).count();
            long counted = countedRuns.getOrDefault(id, 0L);
            if (finished != counted) {
                fail(id + ": " + finished + " runs finished in the logs, schedule_state.runs says " + counted);
            }
            if (runs.isEmpty()) {
                fail(id + " never ran");
                continue;
            }
            long minGap = Long.MAX_VALUE;
            long maxGap = 0;
            int exempt = 0;
            for (int i = 1; i < runs.size(); i++) {
                Run prev = runs.get(i - 1);
                Run next = runs.get(i);
                long gap = next.start() - prev.end();
                if (gap < 0) {
                    fail(String.format(Locale.ROOT, "%s ran on two instances at once: %s %s-%s and %s from %s", id,
                            prev.instance(), at(prev.start()), at(prev.end()), next.instance(), at(next.start())));
                    continue;
                }
                boolean atStart = engineStarts.stream().anyMatch(t -> next.start() >= t - 1_000 && next.start() <= t + 5_000);
                boolean forward = forwardById.getOrDefault(id, List.of()).stream()
                        .anyMatch(t -> t >= prev.start() && t <= next.start());
                if (atStart || forward || !prev.finished()) {
                    exempt++;
                } else {
                    minGap = Math.min(minGap, gap);
                    // FixedDelay counts from the end of the previous run; the log's millisecond stamps may be 1 ms apart
                    if (gap < interval - 50) {
                        fail(String.format(Locale.ROOT, "%s ran twice in one tick: %s ended at %s on %s, %s started at"
                                + " %s on %s, %d ms later (interval %d ms)", id, id, at(prev.end()), prev.instance(), id,
                                at(next.start()), next.instance(), gap, interval));
                    }
                }
                maxGap = Math.max(maxGap, gap);
                long allowed = interval + 5_000 + (prev.finished() ? 0 : deadAllowance.toMillis())
                        + windows.stream().mapToLong(w -> w.allowance(prev.end(), next.start())).sum();
                if (gap > allowed) {
                    fail(String.format(Locale.ROOT, "%s stalled: nothing ran for %d ms after %s (interval %d ms)", id,
                            gap, at(prev.end()), interval));
                }
            }
            Run last = runs.getLast();
            long tail = observedUntil - last.end();
            long tailAllowed = interval + 5_000
                    + windows.stream().mapToLong(w -> w.allowance(last.end(), observedUntil)).sum();
            if (last.finished() && tail > tailAllowed) {
                fail(String.format(Locale.ROOT, "%s stalled: its last run ended at %s, %d ms before the first clean "
                        + "stop (interval %d ms)", id, at(last.end()), tail, interval));
            }
            Map<String, Long> perInstance = new LinkedHashMap<>();
            logs.forEach(l -> perInstance.put(l.name(), 0L));
            runs.forEach(r -> perInstance.merge(r.instance(), 1L, Long::sum));
            System.out.printf(Locale.ROOT, "%-16s %7.1fs %6d  %-30s %10s %10.1f  %d%n", id, interval / 1000.0,
                    runs.size(), perInstance.values().toString(),
                    minGap == Long.MAX_VALUE ? "-" : String.format(Locale.ROOT, "%.1f", minGap / 1000.0),
                    maxGap / 1000.0, exempt);
        }
        System.out.printf("schedules: every run on one instance at a time, once per tick, none stalled: %s%n",
                failures.isEmpty() ? "yes" : "NO");
    }

    private static String at(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(11, 23);
    }

    private static final List<String> TIMEFRAMES = List.of("15m", "1h", "4h", "1d");

    /** Subscribes, then writes every final bar it is sent to {@code out} until the socket closes. */
    private void subscribe(int port, Path out, List<String> symbols) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        try (var writer = Files.newBufferedWriter(out)) {
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        JsonNode m = JSON.readTree(text.toString());
                        text.setLength(0);
                        switch (m.path("type").asString("")) {
                            case "subscribed" -> subscribed.complete(null);
                            case "snapshot" -> m.path("bars").forEach(b -> record(writer, m, b));
                            case "bar" -> record(writer, m, m);
                            case "error" -> System.out.println("stream error: " + m);
                            default -> {
                            }
                        }
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                    closed.complete(code + " " + reason);
                    return null;
                }

                @Override
                public void onError(WebSocket socket, Throwable error) {
                    closed.complete(error.toString());
                }
            };
            WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", AUTHORIZATION)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream"), listener).get(30, TimeUnit.SECONDS);
            socket.sendText(JSON.writeValueAsString(Map.of("action", "subscribe", "symbols", symbols,
                    "channels", TIMEFRAMES.stream().map(tf -> "bar:" + tf).toList())), true);
            subscribed.get(30, TimeUnit.SECONDS);
            System.out.println("subscribed");
            System.out.println("closed " + closed.get());
        }
    }

    private static void record(java.io.Writer writer, JsonNode message, JsonNode bar) {
        if (!bar.path("final").asBoolean(false)) {
            return;
        }
        String line = String.join(" ", message.get("symbol").asString(), message.get("timeframe").asString(),
                Long.toString(Instant.parse(bar.get("start").asString()).toEpochMilli()), bar.get("open").asString(),
                bar.get("high").asString(), bar.get("low").asString(), bar.get("close").asString(),
                bar.get("volume").asString());
        try {
            synchronized (writer) {
                writer.write(line + "\n");
                writer.flush();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The newest final bar each subscriber was sent, per series, against the newest final bar stored. */
    private void stream(String url, List<Path> files) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (Path file : files) {
                Map<String, String[]> last = new TreeMap<>();
                List<String> lines = Files.readAllLines(file);
                for (String line : lines) {
                    String[] f = line.split(" ");
                    String key = f[0] + " " + f[1];
                    String[] before = last.get(key);
                    if (before == null || Long.parseLong(f[2]) >= Long.parseLong(before[2])) {
                        last.put(key, f);
                    }
                }
                int matched = 0;
                for (Map.Entry<String, String[]> e : last.entrySet()) {
                    String[] f = e.getValue();
                    try (var ps = c.prepareStatement("""
                            SELECT b.start_ms, b.open, b.high, b.low, b.close, b.volume FROM bars b
                              JOIN series s ON s.id = b.series_id
                             WHERE s.symbol = ? AND s.timeframe = ? AND b.final = 1
                             ORDER BY b.start_ms DESC LIMIT 1""")) {
                        ps.setString(1, f[0]);
                        ps.setString(2, f[1]);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                fail(file.getFileName() + ": " + e.getKey() + " was sent a final bar the database lacks");
                                continue;
                            }
                            boolean same = rs.getLong(1) == Long.parseLong(f[2]);
                            for (int i = 2; i <= 6 && same; i++) {
                                same = rs.getDouble(i) == Double.parseDouble(f[i + 1]);
                            }
                            if (same) {
                                matched++;
                            } else {
                                fail(String.format(Locale.ROOT, "%s: %s last sent the final bar %s, the newest stored is "
                                        + "%d %s %s %s %s %s", file.getFileName(), e.getKey(), String.join(" ", f),
                                        rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                                        rs.getDouble(5), rs.getDouble(6)));
                            }
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%s: %d final bars sent; the newest of %d series is the newest stored in "
                        + "%d%n", file.getFileName(), lines.size(), last.size(), matched);
            }
        }
    }

    private void lease(String url, String name, String victim, long sinceMs, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String holder = null;
        try (Connection c = DriverManager.getConnection(url);
                var ps = c.prepareStatement("SELECT holder FROM leases WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                holder = rs.next() ? rs.getString(1) : null;
            }
            // its term outlives the kill by far more than it takes to ask: anyone else holding it now never lost it
            if (holder == null || !holder.startsWith(victim + "@")) {
                fail("lease '" + name + "' was not held by " + victim + " when it was killed, but by " + holder);
                return;
            }
            do {
                try (ResultSet rs = ps.executeQuery()) {
                    holder = rs.next() ? rs.getString(1) : null;
                }
                if (holder != null && !holder.startsWith(victim + "@")) {
                    long ms = System.currentTimeMillis() - sinceMs;
                    System.out.printf(Locale.ROOT, "lease '%s' held by %s %d ms after %s was killed%n", name, holder, ms,
                            victim);
                    System.out.println("lease_takeover_ms=" + ms);
                    return;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
        }
        fail("lease '" + name + "' still held by " + holder + " " + timeout.toSeconds() + " s after " + victim
                + " was killed");
    }
}
