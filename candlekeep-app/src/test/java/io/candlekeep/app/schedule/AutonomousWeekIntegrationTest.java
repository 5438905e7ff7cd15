package io.candlekeep.app.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.candlekeep.app.backfill.SeriesGaps;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The autonomous loop over a simulated week and a bit, moved forward in 15 minute steps by a {@link MutableClock}
 * that db-scheduler and the application share. Nobody calls an endpoint but the one that tracks AAPL and BTC-USD at
 * T+0; from then on the schedules alone keep both daily series equal to Yahoo, which WireMock plays from the real
 * 2020 recordings (chart for history, v7 quote with crumb for the live refresh, the quote's day values taken from
 * the recorded day the clock is in).
 *
 * <p>The clock moves only between steps, and a step ends when no execution is running or due; so every run
 * happens at a step instant and a schedule's next run lands exactly on a later step. Work an engine would do
 * moments later (a second slice queued a millisecond behind the first, a retry after a backoff of a second)
 * runs at the next step, 15 simulated minutes later.
 *
 * <ul>
 *   <li>T+0: every schedule runs once at start, before the clock moves.</li>
 *   <li>Days 0-7, nothing goes wrong: each schedule runs exactly once per interval, never overlapping itself;
 *       every historical sync brings the last sync of every series forward (a tail sync, or a check that finds
 *       every expected bar stored); health stays UP; each daily retention run removes exactly the bars before
 *       its cutoff, never one inside the backfill window, including old bars put into the store at T+0.</li>
 *   <li>Day 7-8, Yahoo answers every chart request with HTTP 500: slices are given up, the series lag, health
 *       turns DEGRADED (and brings the gap fill forward, which plans the missing day and fails too), and the
 *       day's bars that ended are gaps against the NYSE and 24/7 calendars.</li>
 *   <li>Day 8-8.5, Yahoo answers again: a run started after the outage fetches each missing bar (whichever of the
 *       gap-aware plans gets there first: the retry of the last tail sync, the gap fill), the series sync again,
 *       health is UP within three hours and stays UP.</li>
 *   <li>At the end the stored daily bars equal the recording over the whole retained window.</li>
 * </ul>
 *
 * A split first reported during the week does not fit here: the recordings' only split (2020-08-31) lies before
 * the window and is seen by the first backfill. {@code CorporateActionRefetchIntegrationTest} covers that refetch.
 */
// a week of steps is thousands of routine lines
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.io.candlekeep.app.schedule.ScheduleRunner=WARN", "logging.level.io.candlekeep.app.live=WARN"})
@DirtiesContext
@ExtendWith(TestStores.RequireStore.class)
final class AutonomousWeekIntegrationTest {

    /** A Tuesday inside the recordings, before the NYSE opens. */
    private static final Instant T0 = Instant.parse("2020-12-01T12:00:00Z");
    /** The live refresh's interval: the health check counts on bars written in each of its hours. */
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant OUTAGE_START = T0.plus(WEEK);
    private static final Instant OUTAGE_END = OUTAGE_START.plus(Duration.ofDays(1));
    private static final Instant END = OUTAGE_END.plus(Duration.ofHours(12));
    private static final Duration WINDOW = Duration.ofDays(60);
    private static final Duration SYNC_INTERVAL = Duration.ofHours(3);

    private static final String AAPL_FIXTURE = "chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json";
    private static final String BTC_FIXTURE = "chart_BTC-USD_1d_2020-01-01_2021-01-04_crypto_nullbars.json";
    private static final SeriesId AAPL = SeriesId.of(Symbol.of("AAPL"), Timeframe.D1);
    private static final SeriesId BTC = SeriesId.of(Symbol.of("BTC-USD"), Timeframe.D1);
    private static final List<SeriesId> TRACKED = List.of(AAPL, BTC);
    private static final Map<String, Duration> INTERVALS = Map.of("orchestrator", Duration.ofSeconds(60),
            "live-refresh", Duration.ofMinutes(15), "historical-sync", SYNC_INTERVAL, "gap-fill", WEEK,
            "retention", Duration.ofDays(1), "health", Duration.ofHours(1), "interest-expiry", Duration.ofDays(1),
            "macro-refresh", Duration.ofDays(1), "forecast", Duration.ofMinutes(15));
    private static final Pattern TRIMMED = Pattern.compile("(\\d+) bars trimmed");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final WireMockServer yahoo = started();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.register(registry, () -> dataDir);
        registry.add("candlekeep.provider", () -> "yahoo");
        registry.add("candlekeep.providers.yahoo.base-url", yahoo::baseUrl);
        // BTC-USD from Yahoo as well: the week is played on Yahoo's recorded bodies
        registry.add("candlekeep.crypto-providers", () -> "yahoo");
        registry.add("candlekeep.providers.yahoo.cookie-url", () -> yahoo.baseUrl() + "/cookie");
        // the clock stands still within a step, so a rate limiter on it must not run out of permits
        registry.add("candlekeep.providers.yahoo.requests-per-second", () -> "1000");
        registry.add("candlekeep.providers.resilience.max-attempts", () -> "2");
        registry.add("candlekeep.providers.resilience.initial-backoff", () -> "1ms");
        registry.add("candlekeep.providers.resilience.max-backoff", () -> "5ms");
        registry.add("candlekeep.backfill.max-attempts", () -> "2");
        registry.add("candlekeep.backfill.retry-initial-backoff", () -> "1s");
        registry.add("candlekeep.backfill.retry-max-backoff", () -> "2s");
        registry.add("candlekeep.backfill.windows.[1d]", () -> WINDOW.toDays() + "d");
        registry.add("candlekeep.retention.keep.[1d]", () -> WINDOW.toDays() + "d");
        registry.add("candlekeep.jobs.poll-interval", () -> "100ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SimulatedTime {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.at(T0);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Scheduler scheduler;

    @Autowired
    ScheduleService schedules;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BarStore store;

    @Autowired
    SeriesGaps gaps;

    private final Map<SeriesId, NavigableMap<Instant, Bar>> recorded = new HashMap<>();
    /** Each health check after it ran: the instant and its summary ("UP" or "DEGRADED (reasons)"). */
    private final NavigableMap<Instant, String> healthChecks = new TreeMap<>();
    /** The recorded v7 quote bodies whose first entry is the symbol's quote. */
    private final Map<SeriesId, String> quoteFixtures = new HashMap<>();
    private UUID quoteStub;
    /** What the schedules reported after the last step, by id. */
    private Map<String, ScheduleService.Status> statuses = Map.of();
    private int retentionRunsChecked;
    private boolean yahooDown;

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        yahoo.stop();
    }

    @Test
    void week_leftAloneOnASimulatedClock_runsEverySchedulePerIntervalAndHealsAnOutage() {
        recorded.put(AAPL, recordedBars(AAPL, Fixtures.text("yahoo", AAPL_FIXTURE)));
        recorded.put(BTC, recordedBars(BTC, Fixtures.text("yahoo", BTC_FIXTURE)));
        serveYahoo();

        startAtTPlusZero();
        List<Bar> oldBars = putOldBarsBeforeTheWindow();
        runTheWeek(oldBars);
        Map<SeriesId, List<TimeRange>> outageGaps = runTheOutage();
        recover(outageGaps);
        assertStoredEqualsRecording();
    }

    /** Every schedule runs at T+0 with the clock standing still; tracking then backfills both series at once. */
    private void startAtTPlusZero() {
        awaitIdle();
        statuses = statusesById();
        for (ScheduleService.Status s : statuses.values()) {
            assertThat(s.runs()).as("runs of %s at T+0", s.id()).isEqualTo(1);
            assertThat(s.lastStarted()).as("start of %s", s.id()).isEqualTo(T0);
            assertThat(s.nextRun()).as("next run of %s", s.id()).isEqualTo(T0.plus(INTERVALS.get(s.id())));
        }
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(INTERVALS.keySet());

        ApiClient.Response r = new ApiClient(port).post("/api/v1/tracking",
                "{\"symbols\":[\"AAPL\",\"BTC-USD\"],\"source\":\"watchlist\",\"timeframes\":[\"1d\"]}");
        assertThat(r.status()).as("tracking: %s", r.body()).isEqualTo(200);
        awaitIdle();
        for (SeriesId series : TRACKED) {
            assertThat(lastSync(series)).as("last sync of %s after the newest slice", series).contains(T0);
        }
    }

    /**
     * Recorded September bars of AAPL, older than the 60 day window: the store holds them, as it would after the
     * window was shortened, and retention has to take them away.
     */
    private List<Bar> putOldBarsBeforeTheWindow() {
        List<Bar> old = List.copyOf(recorded.get(AAPL)
                .subMap(Instant.parse("2020-09-01T00:00:00Z"), Instant.parse("2020-10-01T00:00:00Z")).values());
        assertThat(old).hasSizeGreaterThan(15);
        assertThat(store.upsert(AAPL, old)).isEqualTo(old.size());
        return old;
    }

    /** Seven days without a fault: each schedule runs once per interval; one shorter than a step, once per step. */
    private void runTheWeek(List<Bar> oldBars) {
        Map<String, Long> before = runsById();
        runUntil(T0.plus(Duration.ofDays(1)));
        assertThat(storedStarts(AAPL)).as("old AAPL bars after the first daily retention")
                .doesNotContainAnyElementsOf(oldBars.stream().map(Bar::start).toList());
        runUntil(OUTAGE_START);

        assertRunsPerInterval(before, WEEK);
        assertThat(statuses.get("gap-fill").lastStarted()).as("the weekly gap fill").isEqualTo(T0.plus(WEEK));
        assertThat(retentionRunsChecked).as("retention runs checked bar by bar").isEqualTo(7);
        assertThat(healthChecks.values()).as("health checks in a week without faults").hasSize(7 * 24)
                .allSatisfy(result -> assertThat(result).startsWith("UP"));
    }

    private void assertRunsPerInterval(Map<String, Long> before, Duration span) {
        Map<String, Long> after = runsById();
        for (Map.Entry<String, Duration> e : INTERVALS.entrySet()) {
            Duration every = e.getValue().compareTo(STEP) < 0 ? STEP : e.getValue();
            assertThat(after.get(e.getKey()) - before.get(e.getKey())).as("runs of %s in %s", e.getKey(), span)
                    .isEqualTo(span.dividedBy(every));
        }
    }

    /**
     * Steps to {@code end}, checking after each historical sync that it left every series synced at its tick: a
     * tail sync, or a check that finds every expected bar stored.
     */
    private void runUntil(Instant end) {
        while (clock.instant().isBefore(end)) {
            Instant syncedBefore = statuses.get("historical-sync").lastStarted();
            step();
            Instant ran = statuses.get("historical-sync").lastStarted();
            if (ran.isAfter(syncedBefore) && !yahooDown) {
                for (SeriesId series : TRACKED) {
                    assertThat(lastSync(series)).as("last sync of %s after the historical sync at %s", series, ran)
                            .hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(ran));
                }
            }
        }
    }

    /**
     * A day of HTTP 500 for every chart request: what had ended that day is a gap the calendar shows, the series
     * lag, health says so. Answers the gaps of each series.
     */
    private Map<SeriesId, List<TimeRange>> runTheOutage() {
        long gaveUpBefore = runsWithStatus("GAVE_UP");
        StubMapping outage = yahoo.stubFor(get(urlPathMatching("/v8/finance/chart/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("upstream broke")));
        Map<SeriesId, Instant> syncedBefore = new LinkedHashMap<>();
        TRACKED.forEach(s -> syncedBefore.put(s, lastSync(s).orElseThrow()));
        yahooDown = true;
        runUntil(OUTAGE_END);
        yahoo.removeStub(outage);
        yahooDown = false;

        assertThat(runsWithStatus("GAVE_UP")).as("slices given up during the outage").isGreaterThan(gaveUpBefore);
        for (SeriesId series : TRACKED) {
            assertThat(lastSync(series)).as("last sync of %s during the outage", series).contains(syncedBefore.get(series));
        }
        assertThat(healthChecks.subMap(OUTAGE_START, false, OUTAGE_END, true).values()).as("health during the outage")
                .anySatisfy(result -> assertThat(result).startsWith("DEGRADED")
                        .contains("have not synced", "AAPL:1d", "BTC-USD:1d"));
        JsonNode health = new ApiClient(port).get("/actuator/health").json();
        assertThat(health.path("status").asString()).isEqualTo("DEGRADED");

        // the bars that ended during the outage are missing as final bars: the NYSE day and the crypto day
        TimeRange outageDay = TimeRange.of(OUTAGE_START.minus(Duration.ofHours(12)), OUTAGE_END);
        Map<SeriesId, List<TimeRange>> missing = new LinkedHashMap<>();
        for (SeriesId series : TRACKED) {
            missing.put(series, gaps.missing(series, outageDay, true));
        }
        Map<SeriesId, Instant> outageBars = Map.of(AAPL, Instant.parse("2020-12-08T14:30:00Z"),
                BTC, Instant.parse("2020-12-08T00:00:00Z"));
        outageBars.forEach((series, start) -> {
            assertThat(missing.get(series)).as("gaps of %s", series).anySatisfy(g -> assertThat(g.contains(start)).isTrue());
            assertThat(runsCovering(series, start, "GAVE_UP", OUTAGE_START)).as("%s slices given up with the %s bar", series,
                    start).isPositive();
        });
        return missing;
    }

    /** Yahoo answers again: the gaps fill, the series sync again, health is UP and stays UP. */
    private void recover(Map<SeriesId, List<TimeRange>> outageGaps) {
        runUntil(END);
        NavigableMap<Instant, String> after = healthChecks.tailMap(OUTAGE_END, false);
        Instant upAgain = after.entrySet().stream().filter(e -> e.getValue().startsWith("UP")).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("health never UP again: " + after));
        assertThat(upAgain).as("health UP again").isBefore(OUTAGE_END.plus(Duration.ofHours(3)));
        assertThat(after.tailMap(upAgain, true).values()).as("health once UP again")
                .allSatisfy(result -> assertThat(result).startsWith("UP"));
        assertThat(new ApiClient(port).get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
        for (SeriesId series : TRACKED) {
            assertThat(lastSync(series)).as("last sync of %s after recovery", series)
                    .hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(END.minus(SYNC_INTERVAL)));
            MarketCalendar calendar = MarketCalendars.forSymbol(series.symbol());
            List<Bar> filled = recorded.get(series).values().stream()
                    .filter(b -> outageGaps.get(series).stream().anyMatch(g -> g.contains(b.start())))
                    .filter(b -> !calendar.barEnd(Timeframe.D1, b.start()).isAfter(OUTAGE_END))
                    .toList();
            assertThat(filled).as("recorded bars of %s that ended in the outage", series).isNotEmpty();
            for (Bar bar : filled) {
                assertThat(storedBar(series, bar.start())).as("%s bar at %s after recovery", series, bar.start())
                        .contains(bar);
                assertThat(runsCovering(series, bar.start(), "SUCCEEDED", OUTAGE_END)).as("%s runs that fetched %s",
                        series, bar.start()).isPositive();
            }
        }
    }

    /** Every final stored bar is the recorded one, and every recorded bar that ended in the window is stored. */
    private void assertStoredEqualsRecording() {
        Instant now = clock.instant();
        for (SeriesId series : TRACKED) {
            MarketCalendar calendar = MarketCalendars.forSymbol(series.symbol());
            List<Bar> stored = storedBars(series);
            // what the API serves (through the hot cache) is what the database holds, one bar per start
            assertThat(barsFromApi(series)).as("bars of %s from the API", series).isEqualTo(stored);
            List<Bar> finals = stored.stream().filter(Bar::isFinal).toList();
            List<Bar> expected = recorded.get(series).tailMap(now.minus(WINDOW), true).values().stream()
                    .filter(b -> !calendar.barEnd(Timeframe.D1, b.start()).isAfter(now.minus(SYNC_INTERVAL)))
                    .toList();
            assertThat(expected).hasSizeGreaterThan(series.equals(BTC) ? 55 : 38);
            assertThat(finals).as("final bars of %s", series).containsAll(expected);
            for (Bar bar : finals) {
                assertThat(recorded.get(series).get(bar.start())).as("recorded %s bar at %s", series, bar.start())
                        .isEqualTo(bar);
            }
        }
    }

    // ---- moving time

    /** Moves the clock one step, lets every execution that is due run, and checks what the schedules report. */
    private void step() {
        Map<String, ScheduleService.Status> before = statuses;
        Instant target = clock.instant().plus(STEP);
        boolean retentionDue = !before.get("retention").nextRun().isAfter(target);
        Map<SeriesId, Set<Instant>> beforeRetention = retentionDue ? storedStartsByTracked() : Map.of();
        serveQuotesAt(target);
        clock.set(target);
        scheduler.triggerCheckForDueExecutions();
        awaitIdle();
        statuses = statusesById();
        for (ScheduleService.Status s : statuses.values()) {
            long runsBefore = before.get(s.id()).runs();
            assertThat(s.running()).as("%s running after the step to %s", s.id(), target).isFalse();
            assertThat(s.runs()).as("runs of %s", s.id()).isGreaterThanOrEqualTo(runsBefore);
            assertThat(s.lastStarted()).as("last start of %s", s.id()).isBeforeOrEqualTo(s.lastFinished());
            assertThat(s.nextRun()).as("next run of %s", s.id()).isAfter(target);
            if (s.runs() > runsBefore) {
                assertThat(s.runs()).as("runs of %s in one step", s.id()).isEqualTo(runsBefore + 1);
                assertThat(s.lastStarted()).as("start of %s", s.id()).isEqualTo(target);
                assertThat(s.lastOk()).as("%s ended normally: %s", s.id(), s.lastResult()).isTrue();
            }
        }
        ScheduleService.Status health = statuses.get("health");
        if (health.lastStarted().equals(target)) {
            healthChecks.put(target, health.lastResult());
        }
        if (retentionDue) {
            checkRetention(beforeRetention, target);
        }
    }

    /**
     * The retention run at {@code ranAt} removed exactly the bars before each series' cutoff, and none inside its
     * backfill window; the count it reported is the count that disappeared.
     */
    private void checkRetention(Map<SeriesId, Set<Instant>> before, Instant ranAt) {
        ScheduleService.Status retention = statuses.get("retention");
        assertThat(retention.lastStarted()).isEqualTo(ranAt);
        Map<SeriesId, Set<Instant>> after = storedStartsByTracked();
        long removedTotal = 0;
        for (SeriesId series : TRACKED) {
            Instant windowStart = jdbc.sql("SELECT window_start_ms FROM series_job WHERE symbol = ? AND timeframe = '1d'")
                    .param(series.symbol().value()).query(Long.class).optional().map(Instant::ofEpochMilli).orElseThrow();
            Instant cutoff = windowStart.isBefore(ranAt.minus(WINDOW)) ? windowStart : ranAt.minus(WINDOW);
            Set<Instant> removed = new TreeSet<>(before.get(series));
            removed.removeAll(after.get(series));
            Set<Instant> expected = before.get(series).stream().filter(t -> t.isBefore(cutoff))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(removed).as("bars of %s removed by the retention run at %s (cutoff %s)", series, ranAt, cutoff)
                    .isEqualTo(expected);
            assertThat(removed).as("bars of %s removed inside the window", series)
                    .allSatisfy(t -> assertThat(t).isBefore(ranAt.minus(WINDOW)));
            removedTotal += removed.size();
        }
        Matcher m = TRIMMED.matcher(retention.lastResult());
        assertThat(m.find()).as("retention summary '%s'", retention.lastResult()).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("bars trimmed at %s", ranAt).isEqualTo(removedTotal);
        if (ranAt.isAfter(T0)) {
            assertThat(removedTotal).as("bars trimmed at %s as the window moved a day", ranAt).isPositive();
            retentionRunsChecked++;
        }
    }

    /** Waits until no execution is running and none is due at the clock's instant. */
    private void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Instant now = clock.instant();
            List<ScheduledExecution<Object>> busy = scheduler.getScheduledExecutions(ScheduledExecutionsFilter.all())
                    .stream().filter(e -> e.isPicked() || !e.getExecutionTime().isAfter(now)).toList();
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("executions still running or due at " + now + ": " + busy.stream()
                        .map(e -> e.getTaskInstance().getId() + "@" + e.getExecutionTime() + (e.isPicked() ? " picked" : ""))
                        .toList());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    // ---- the provider

    /** The chart recordings for history, a cookie and crumb for the quote endpoint. */
    private void serveYahoo() {
        quoteFixtures.put(AAPL, Fixtures.text("yahoo", "quote_v7_AAPL_BABA.json"));
        quoteFixtures.put(BTC, Fixtures.text("yahoo", "quote_v7_BTC-USD.json"));
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/AAPL")).atPriority(5).willReturn(json(
                Fixtures.text("yahoo", AAPL_FIXTURE))));
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/BTC-USD")).atPriority(5).willReturn(json(
                Fixtures.text("yahoo", BTC_FIXTURE))));
        yahoo.stubFor(get(urlPathEqualTo("/cookie")).willReturn(aResponse().withStatus(404)
                .withHeader("Set-Cookie", "A3=d=week; Path=/; Domain=127.0.0.1")));
        yahoo.stubFor(get(urlPathEqualTo("/v1/test/getcrumb")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("wEeKcRuMb")));
        quoteStub = yahoo.stubFor(get(urlPathEqualTo("/v7/finance/quote")).willReturn(json(quotesAt(T0)))).getId();
    }

    /**
     * The recorded v7 quote entries of AAPL and BTC-USD with their regular-market fields taken from the recorded
     * day that {@code at} falls in: the day's open, high, low, a price moving from open to close through the
     * session, and the volume so far. Outside the NYSE session AAPL's quote is the last close, stamped at it.
     */
    private void serveQuotesAt(Instant at) {
        yahoo.editStub(get(urlPathEqualTo("/v7/finance/quote")).withId(quoteStub).willReturn(json(quotesAt(at))));
    }

    private String quotesAt(Instant at) {
        ObjectNode aapl = (ObjectNode) JSON.readTree(quoteFixtures.get(AAPL)).get("quoteResponse").get("result").get(0);
        ObjectNode btc = (ObjectNode) JSON.readTree(quoteFixtures.get(BTC)).get("quoteResponse").get("result").get(0);
        fillQuote(aapl, AAPL, at);
        fillQuote(btc, BTC, at);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode response = root.putObject("quoteResponse");
        response.putArray("result").add(aapl).add(btc);
        response.putNull("error");
        return JSON.writeValueAsString(root);
    }

    private void fillQuote(ObjectNode quote, SeriesId series, Instant at) {
        MarketCalendar calendar = MarketCalendars.forSymbol(series.symbol());
        Map.Entry<Instant, Bar> day = recorded.get(series).floorEntry(at);
        Bar bar = day.getValue();
        Instant end = calendar.barEnd(Timeframe.D1, bar.start());
        double fraction = Math.min(1.0, (double) Duration.between(bar.start(), at).toSeconds()
                / Duration.between(bar.start(), end).toSeconds());
        Instant time = at.isBefore(end) ? at : end;
        quote.put("regularMarketTime", time.getEpochSecond());
        quote.put("regularMarketPrice", bar.open() + (bar.close() - bar.open()) * fraction);
        quote.put("regularMarketOpen", bar.open());
        quote.put("regularMarketDayHigh", bar.high());
        quote.put("regularMarketDayLow", bar.low());
        quote.put("regularMarketVolume", Math.round(bar.volume() * fraction));
        quote.put("marketState", at.isBefore(end) ? "REGULAR" : "CLOSED");
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    /** The recorded bars, final as they are in the recording (nulls skipped), by start. */
    private static NavigableMap<Instant, Bar> recordedBars(SeriesId series, String body) {
        JsonNode result = JSON.readTree(body).get("chart").get("result").get(0);
        JsonNode timestamps = result.get("timestamp");
        JsonNode quote = result.get("indicators").get("quote").get(0);
        NavigableMap<Instant, Bar> bars = new TreeMap<>();
        for (int i = 0; i < timestamps.size(); i++) {
            if (quote.get("close").get(i).isNull()) {
                continue;
            }
            Instant start = Instant.ofEpochSecond(timestamps.get(i).asLong());
            bars.put(start, Bar.of(start, quote.get("open").get(i).asDouble(), quote.get("high").get(i).asDouble(),
                    quote.get("low").get(i).asDouble(), quote.get("close").get(i).asDouble(),
                    quote.get("volume").get(i).asDouble(), true));
        }
        assertThat(bars).as("recorded bars of %s", series).hasSizeGreaterThan(250);
        return bars;
    }

    // ---- reading the service

    private Map<String, Long> runsById() {
        return statuses.values().stream().collect(Collectors.toMap(ScheduleService.Status::id, ScheduleService.Status::runs));
    }

    private Map<String, ScheduleService.Status> statusesById() {
        return schedules.statuses().stream().collect(Collectors.toMap(ScheduleService.Status::id, s -> s));
    }

    private Optional<Instant> lastSync(SeriesId series) {
        return jdbc.sql("SELECT last_sync_ms FROM series_job WHERE symbol = ? AND timeframe = ?")
                .params(series.symbol().value(), series.timeframe().code())
                .query((rs, n) -> {
                    long ms = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(ms));
                })
                .optional().flatMap(o -> o);
    }

    /** Runs of {@code series} in {@code status}, started from {@code since} on, whose slice holds {@code barStart}. */
    private long runsCovering(SeriesId series, Instant barStart, String status, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM backfill_run WHERE symbol = ? AND timeframe = ? AND status = ? AND started_at >= ?
                   AND slice_start <= ? AND slice_end > ?
                """)
                .params(series.symbol().value(), series.timeframe().code(), status, since.toEpochMilli(),
                        barStart.toEpochMilli(), barStart.toEpochMilli())
                .query(Long.class).single();
    }

    private long runsWithStatus(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM backfill_run WHERE status = ?").param(status).query(Long.class).single();
    }

    private List<Bar> storedBars(SeriesId series) {
        return jdbc.sql("""
                SELECT b.start_ms, b.open, b.high, b.low, b.close, b.volume, b.final FROM bars b
                  JOIN series s ON s.id = b.series_id
                 WHERE s.symbol = ? AND s.timeframe = ? ORDER BY b.start_ms
                """)
                .params(series.symbol().value(), series.timeframe().code())
                .query((rs, n) -> Bar.of(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getInt(7) == 1))
                .list();
    }

    private List<Bar> barsFromApi(SeriesId series) {
        ApiClient.Response r = new ApiClient(port).get("/api/v1/bars/" + series.symbol().value() + "?timeframe="
                + series.timeframe().code());
        assertThat(r.status()).as("bars of %s: %s", series, r.body()).isEqualTo(200);
        List<Bar> bars = new ArrayList<>();
        for (JsonNode b : r.json().get("bars")) {
            bars.add(Bar.of(Instant.parse(b.get("start").asString()), b.get("open").asDouble(), b.get("high").asDouble(),
                    b.get("low").asDouble(), b.get("close").asDouble(), b.get("volume").asDouble(),
                    b.get("final").asBoolean()));
        }
        return bars;
    }

    private Optional<Bar> storedBar(SeriesId series, Instant start) {
        return storedBars(series).stream().filter(b -> b.start().equals(start)).findFirst();
    }

    private Set<Instant> storedStarts(SeriesId series) {
        return storedBars(series).stream().map(Bar::start).collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<SeriesId, Set<Instant>> storedStartsByTracked() {
        Map<SeriesId, Set<Instant>> m = new HashMap<>();
        TRACKED.forEach(s -> m.put(s, storedStarts(s)));
        return m;
    }
}
