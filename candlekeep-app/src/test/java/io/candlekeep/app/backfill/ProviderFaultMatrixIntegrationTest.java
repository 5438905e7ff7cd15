package io.candlekeep.app.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.candlekeep.app.provider.CircuitState;
import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.provider.ResilientHistoryProvider;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.YahooAppTestBase;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a re-sync of a stored series does when Yahoo answers with each kind of fault: which outcome
 * {@code backfill_run} records, how the two retry layers (the provider wrapper's attempts inside one run, the
 * slice's rescheduled runs) behave, and that the stored bars stay exactly as they were. Every fault then heals
 * (except a 404, which settles the symbol by design) and the series completes again.
 *
 * <p>Each fault gets its own symbol, all served the same recorded AAPL year, so a fault's leftovers (a symbol
 * marked not found, a slice still backing off) cannot reach another row. The re-sync is a {@code REFETCH}: it asks
 * for the whole stored window again, so every fault meets a series that has a year of history to lose.
 */
final class ProviderFaultMatrixIntegrationTest extends YahooAppTestBase {

    private static final String WEEKEND_FIXTURE = "chart_AAPL_1m_2025-02-01_weekend_no_bars.json";
    private static final String SIX_FIXTURE = "chart_SIX_404_no_data_delisted.json";
    private static final String TF = "1d";

    // long enough that a loaded machine serves the recorded year in time, short enough to keep the timeout row quick
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final int WRAPPER_ATTEMPTS = 3;
    private static final int SLICE_ATTEMPTS = 2;
    private static final Duration SLICE_INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final int CIRCUIT_WINDOW = 9;
    private static final Duration CIRCUIT_OPEN_FOR = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.providers.yahoo.request-timeout", () -> REQUEST_TIMEOUT.toMillis() + "ms");
        registry.add("candlekeep.providers.resilience.max-attempts", () -> WRAPPER_ATTEMPTS);
        registry.add("candlekeep.providers.resilience.initial-backoff", () -> "10ms");
        registry.add("candlekeep.providers.resilience.max-backoff", () -> "40ms");
        // a Retry-After above this goes back to the slice runner, which reschedules the slice instead of sleeping
        registry.add("candlekeep.providers.resilience.max-retry-after", () -> "500ms");
        // The circuit opens only on a window of failed calls in a row. A matrix row makes fewer (slices x slice
        // attempts x wrapper attempts = 12) and ends on a success, so each row shows the retry layers alone; the
        // circuit test goes on failing until the window is full.
        registry.add("candlekeep.providers.resilience.sliding-window-size", () -> CIRCUIT_WINDOW);
        registry.add("candlekeep.providers.resilience.minimum-number-of-calls", () -> CIRCUIT_WINDOW);
        registry.add("candlekeep.providers.resilience.failure-rate-threshold", () -> "100");
        registry.add("candlekeep.providers.resilience.wait-in-open-state", () -> CIRCUIT_OPEN_FOR.toMillis() + "ms");
        registry.add("candlekeep.providers.resilience.permitted-calls-in-half-open-state", () -> "1");
        registry.add("candlekeep.backfill.max-attempts", () -> SLICE_ATTEMPTS);
        registry.add("candlekeep.backfill.retry-initial-backoff", () -> SLICE_INITIAL_BACKOFF.toMillis() + "ms");
        registry.add("candlekeep.backfill.retry-max-backoff", () -> "400ms");
    }

    @Autowired
    BackfillService backfill;

    @Autowired
    ProviderChain providers;

    private ResilientHistoryProvider yahoo() {
        return providers.providers().getFirst();
    }

    /** How the slices of a re-sync that meets the fault go on. */
    enum Retry {
        /** The answer is final: one run per slice, one request per run. */
        NONE,
        /** Each run spends the wrapper's attempts; the slice is rescheduled with backoff, then given up. */
        BACKOFF_THEN_GIVE_UP,
        /** The provider is pacing us: the slice is rescheduled without using an attempt until the fault heals. */
        PACED_UNTIL_HEALED
    }

    /**
     * One row of the matrix.
     *
     * @param answer         how WireMock answers every request of the re-sync
     * @param outcome        what each run of the re-sync records while the fault lasts
     * @param requestsPerRun requests that reach WireMock in one run
     * @param minWait        the least time between two runs of a slice
     * @param job            the job's status once the fault has had its effect
     */
    record FaultCase(String name, String symbol, Supplier<ResponseDefinitionBuilder> answer, RunStatus outcome,
            Retry retry, int requestsPerRun, Duration minWait, JobStatus job) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FaultCase> faults() {
        Duration sliceBackoffFloor = SLICE_INITIAL_BACKOFF.dividedBy(2);
        return Stream.of(
                new FaultCase("HTTP 500", "F_HTTP500", () -> aResponse().withStatus(500).withBody("upstream broke"),
                        RunStatus.FAILED, Retry.BACKOFF_THEN_GIVE_UP, WRAPPER_ATTEMPTS, sliceBackoffFloor, JobStatus.FAILED),
                new FaultCase("timeout", "F_TIMEOUT",
                        () -> ok(good()).withFixedDelay((int) REQUEST_TIMEOUT.multipliedBy(3).toMillis()),
                        RunStatus.FAILED, Retry.BACKOFF_THEN_GIVE_UP, WRAPPER_ATTEMPTS, sliceBackoffFloor, JobStatus.FAILED),
                new FaultCase("connection reset", "F_RESET",
                        () -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        RunStatus.FAILED, Retry.BACKOFF_THEN_GIVE_UP, WRAPPER_ATTEMPTS, sliceBackoffFloor, JobStatus.FAILED),
                new FaultCase("malformed JSON", "F_MALFORMED",
                        () -> ok(Arrays.copyOf(good(), good().length / 2)),
                        RunStatus.FAILED, Retry.BACKOFF_THEN_GIVE_UP, WRAPPER_ATTEMPTS, sliceBackoffFloor, JobStatus.FAILED),
                new FaultCase("404 without Yahoo's error body", "F_404_HTML",
                        () -> aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>"),
                        RunStatus.FAILED, Retry.BACKOFF_THEN_GIVE_UP, WRAPPER_ATTEMPTS, sliceBackoffFloor, JobStatus.FAILED),
                new FaultCase("429 with Retry-After: 1", "F_429_RA",
                        () -> aResponse().withStatus(429).withHeader("Retry-After", "1"),
                        RunStatus.RATE_LIMITED, Retry.PACED_UNTIL_HEALED, 1, Duration.ofSeconds(1), JobStatus.QUEUED),
                new FaultCase("429 without Retry-After", "F_429",
                        () -> aResponse().withStatus(429),
                        RunStatus.RATE_LIMITED, Retry.PACED_UNTIL_HEALED, WRAPPER_ATTEMPTS, sliceBackoffFloor, JobStatus.QUEUED),
                new FaultCase("empty 200", "F_EMPTY200", () -> ok(Fixtures.bytes("yahoo", WEEKEND_FIXTURE)),
                        RunStatus.NO_DATA, Retry.NONE, 1, Duration.ZERO, JobStatus.COMPLETE),
                new FaultCase("404 delisted", "F_404", () -> aResponse().withStatus(404)
                                .withHeader("Content-Type", "application/json;charset=utf-8")
                                .withBody(Fixtures.bytes("yahoo", SIX_FIXTURE)),
                        RunStatus.NOT_FOUND, Retry.NONE, 1, Duration.ZERO, JobStatus.NOT_FOUND));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void resync_providerFault_recordsOutcomeRetriesAsDesignedAndKeepsStoredHistory(FaultCase fault) {
        String symbol = fault.symbol();
        String path = chartPath(symbol);
        List<BarRow> stored = storeRealHistory(symbol);
        List<StoredBar> served = storedBars(symbol, TF);

        StubMapping faultStub = yahoo.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(fault.answer().get()));
        long seq = resync(symbol);
        int slices = slicesOf(symbol);
        assertThat(slices).as("a refetch of the window is one slice (one transaction)").isEqualTo(1);

        switch (fault.retry()) {
            case BACKOFF_THEN_GIVE_UP -> {
                awaitJobStatus(symbol, TF, "FAILED", Duration.ofSeconds(40));
                Map<Long, List<Run>> bySlice = runsBySlice(symbol, TF, seq, seq);
                assertThat(bySlice).hasSize(slices);
                for (List<Run> runs : bySlice.values()) {
                    assertThat(runs).extracting(Run::status).as("runs of a slice").containsExactly("FAILED", "GAVE_UP");
                    assertThat(runs).extracting(Run::attempt).containsExactly(1, SLICE_ATTEMPTS);
                }
                assertRetriesWaited(bySlice, fault.minWait());
                awaitRequests(path, slices * SLICE_ATTEMPTS * fault.requestsPerRun(), HttpStatusClass.ANY);
                assertThat(outstandingSlices(symbol)).isZero();
            }
            case PACED_UNTIL_HEALED -> {
                Eventually.await(Duration.ofSeconds(20), symbol + ": every slice rate limited at least twice", () -> {
                    Map<Long, List<Run>> bySlice = runsBySlice(symbol, TF, seq, seq);
                    return bySlice.size() == slices && bySlice.values().stream().allMatch(runs -> runs.stream()
                            .filter(r -> r.status().equals("RATE_LIMITED")).count() >= 2);
                });
                Map<Long, List<Run>> bySlice = runsBySlice(symbol, TF, seq, seq);
                for (List<Run> runs : bySlice.values()) {
                    assertThat(runs).extracting(Run::status).as("runs of a slice").isSubsetOf("RATE_LIMITED", "RUNNING");
                    assertThat(runs).extracting(Run::attempt).as("a rate limit uses no attempt").containsOnly(1);
                }
                assertThat(jobStatus(symbol, TF)).isEqualTo(fault.job().name());
                assertThat(outstandingSlices(symbol)).isEqualTo(slices);
            }
            case NONE -> {
                awaitJobStatus(symbol, TF, fault.job().name());
                Eventually.await(Duration.ofSeconds(10), "no slice of " + symbol + " left", () -> outstandingSlices(symbol) == 0);
                Map<Long, List<Run>> bySlice = runsBySlice(symbol, TF, seq, seq);
                // a NOT_FOUND settles the symbol: the slices behind the first are dropped without asking again
                int asked = fault.outcome() == RunStatus.NOT_FOUND ? 1 : slices;
                assertThat(bySlice).hasSize(asked);
                bySlice.values().forEach(runs -> assertThat(runs).extracting(Run::status)
                        .containsExactly(fault.outcome().name()));
                awaitRequests(path, asked * fault.requestsPerRun(), HttpStatusClass.ANY);
            }
        }
        assertThat(barRows(symbol)).as("stored bars after %s", fault).containsExactlyElementsOf(stored);
        assertThat(storedBars(symbol, TF)).as("bars served after %s", fault).containsExactlyElementsOf(served);

        if (fault.outcome() == RunStatus.NOT_FOUND) {
            return;
        }
        int goodBeforeHeal = goodAnswers(path);
        yahoo.removeStub(faultStub);
        long healedSeq = fault.retry() == Retry.PACED_UNTIL_HEALED ? seq : resync(symbol);
        awaitJobStatus(symbol, TF, "COMPLETE");
        Map<Long, List<Run>> healed = runsBySlice(symbol, TF, healedSeq, healedSeq);
        assertThat(healed).hasSize(slices);
        for (List<Run> runs : healed.values()) {
            assertThat(runs.getLast().status()).isEqualTo("SUCCEEDED");
            if (fault.retry() == Retry.PACED_UNTIL_HEALED) {
                assertThat(runs.subList(0, runs.size() - 1)).extracting(Run::status).containsOnly("RATE_LIMITED");
                assertThat(runs).extracting(Run::attempt).containsOnly(1);
            } else {
                assertThat(runs).hasSize(1);
            }
        }
        if (fault.retry() == Retry.PACED_UNTIL_HEALED) {
            assertRetriesWaited(healed, fault.minWait());
            int limitedRuns = (int) healed.values().stream().flatMap(List::stream)
                    .filter(r -> r.status().equals("RATE_LIMITED")).count();
            int limitedAnswers = (int) yahoo.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().startsWith(path + "?") && matches(e, HttpStatusClass.RATE_LIMITED))
                    .count();
            // the run that met the heal may have been refused a few times by the wrapper before its good answer
            assertThat(limitedAnswers).as("429s served")
                    .isBetween(limitedRuns * fault.requestsPerRun(),
                            limitedRuns * fault.requestsPerRun() + slices * (fault.requestsPerRun() - 1));
        }
        assertThat(goodAnswers(path) - goodBeforeHeal).as("good answers after the heal: one per slice").isEqualTo(slices);
        assertThat(barRows(symbol)).as("stored bars after healing %s", fault).containsExactlyElementsOf(stored);
        assertNoDuplicateBars();
    }

    @Test
    void circuit_failuresOutlastTheRetries_opensReportsDegradedAndClosesOnceHealed() {
        String symbol = "F_CIRCUIT";
        String path = chartPath(symbol);
        List<BarRow> stored = storeRealHistory(symbol);
        StubMapping faultStub = yahoo.stubFor(get(urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("upstream broke")));

        resync(symbol);
        int slices = slicesOf(symbol);
        int failedCallsPerResync = slices * SLICE_ATTEMPTS * WRAPPER_ATTEMPTS;
        assertThat(failedCallsPerResync).as("failed calls of one re-sync").isLessThan(CIRCUIT_WINDOW);
        awaitJobStatus(symbol, TF, "FAILED");
        awaitRequests(path, failedCallsPerResync, HttpStatusClass.SERVER_ERROR);
        assertThat(yahoo().circuitState()).isEqualTo(CircuitState.CLOSED);

        long seq = resync(symbol);
        awaitJobStatus(symbol, TF, "FAILED");
        // the call that fills the window with failures opens the circuit; after it, no request reaches Yahoo
        awaitRequests(path, CIRCUIT_WINDOW, HttpStatusClass.SERVER_ERROR);
        assertThat(yahoo().circuitState()).isEqualTo(CircuitState.OPEN);
        Map<Long, List<Run>> bySlice = runsBySlice(symbol, TF, seq, seq);
        bySlice.values().forEach(runs -> assertThat(runs).extracting(Run::status).containsExactly("FAILED", "GAVE_UP"));
        assertThat(bySlice.values().stream().flatMap(List::stream).map(Run::error))
                .anySatisfy(error -> assertThat(error).startsWith("Circuit open for provider yahoo"));

        ApiClient.Response health = api.get("/actuator/health");
        assertThat(health.status()).as("DEGRADED still answers 200: %s", health.body()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.get("status").asString()).isEqualTo("DEGRADED");
        JsonNode candlekeep = json.get("components").get("candlekeep");
        assertThat(candlekeep.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(candlekeep.get("details").get("reasons").valueStream().map(JsonNode::asString).toList())
                .contains("the circuit of provider 'yahoo' is open");
        assertThat(candlekeep.get("details").get("provider_circuits").get("yahoo").asString()).isEqualTo("OPEN");
        assertThat(barRows(symbol)).containsExactlyElementsOf(stored);

        yahoo.removeStub(faultStub);
        // the open circuit refuses every call for its wait; a re-sync after it makes the trial calls
        sleep(CIRCUIT_OPEN_FOR.plusMillis(200));
        resync(symbol);
        awaitJobStatus(symbol, TF, "COMPLETE");
        assertThat(yahoo().circuitState()).isEqualTo(CircuitState.CLOSED);
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(barRows(symbol)).containsExactlyElementsOf(stored);
    }

    /** One row of the {@code bars} table: everything a write could change. */
    private record BarRow(long startMs, double open, double high, double low, double close, double volume,
            boolean isFinal) {
    }

    /** Tracks {@code symbol} 1d against the recorded AAPL year, waits for it, and answers the stored rows. */
    private List<BarRow> storeRealHistory(String symbol) {
        yahoo.stubFor(get(urlPathEqualTo(chartPath(symbol))).atPriority(GOOD_PRIORITY).willReturn(ok(good())));
        track(symbol, TF);
        awaitJobStatus(symbol, TF, "COMPLETE");
        List<BarRow> rows = barRows(symbol);
        assertThat(rows).as("stored history of %s", symbol).hasSize(fixtureBars(good(), WINDOW_START).size());
        assertThat(rows).allMatch(BarRow::isFinal);
        return rows;
    }

    /** Fetches the whole stored window of the series again; answers the number of the new plan. */
    private long resync(String symbol) {
        BackfillService.JobsUpdate update = backfill.ensureJobs(Symbol.of(symbol), Set.of(Timeframe.D1), 300,
                SyncTrigger.REFETCH);
        assertThat(update.planned()).as("plans made for %s", symbol).isEqualTo(1);
        return jdbc.sql("SELECT job_seq FROM series_job WHERE symbol = ? AND timeframe = ?").params(symbol, TF)
                .query(Long.class).single();
    }

    private int slicesOf(String symbol) {
        return jdbc.sql("SELECT slices_total FROM series_job WHERE symbol = ? AND timeframe = ?").params(symbol, TF)
                .query(Integer.class).single();
    }

    private List<BarRow> barRows(String symbol) {
        return jdbc.sql("""
                SELECT b.start_ms, b.open, b.high, b.low, b.close, b.volume, b.final FROM bars b
                  JOIN series s ON s.id = b.series_id
                 WHERE s.symbol = ? AND s.timeframe = ? ORDER BY b.start_ms
                """)
                .params(symbol, TF)
                .query((rs, n) -> new BarRow(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getInt(7) == 1))
                .list();
    }

    private static final int GOOD_PRIORITY = 5;

    private enum HttpStatusClass { ANY, RATE_LIMITED, SERVER_ERROR }

    /** Requests to {@code path} answered by the good stub, the recorded year. */
    private static int goodAnswers(String path) {
        return (int) yahoo.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(path + "?") && isGood(e))
                .count();
    }

    private static boolean isGood(ServeEvent event) {
        return event.getStubMapping() != null && Integer.valueOf(GOOD_PRIORITY).equals(event.getStubMapping().getPriority());
    }

    private static boolean matches(ServeEvent event, HttpStatusClass kind) {
        int status = event.getResponse() == null ? 0 : event.getResponse().getStatus();
        return switch (kind) {
            case ANY -> true;
            case RATE_LIMITED -> status == 429;
            case SERVER_ERROR -> status >= 500;
        };
    }

    /**
     * Waits until {@code expected} fault answers of {@code kind} have gone to {@code path}, then checks that no more
     * follow within a few engine polls.
     */
    private static void awaitRequests(String path, int expected, HttpStatusClass kind) {
        int[] seen = {0};
        Eventually.await(Duration.ofSeconds(10), () -> expected + " " + kind + " requests to " + path + "; saw " + seen[0],
                () -> (seen[0] = faultAnswers(path, kind)) >= expected);
        sleep(Duration.ofMillis(300));
        assertThat(faultAnswers(path, kind)).as("%s requests to %s", kind, path).isEqualTo(expected);
    }

    /**
     * Answers of {@code kind} to {@code path} after the last good one: the requests of the faults that met the
     * re-syncs since the history was stored or last healed.
     */
    private static int faultAnswers(String path, HttpStatusClass kind) {
        int count = 0;
        // newest first
        for (ServeEvent e : yahoo.getAllServeEvents()) {
            if (!e.getRequest().getUrl().startsWith(path + "?")) {
                continue;
            }
            if (isGood(e)) {
                break;
            }
            if (matches(e, kind)) {
                count++;
            }
        }
        return count;
    }

    private static byte[] good() {
        return Fixtures.bytes("yahoo", AAPL_FIXTURE);
    }
}
