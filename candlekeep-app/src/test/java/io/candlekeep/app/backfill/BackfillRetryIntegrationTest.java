package io.candlekeep.app.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.YahooAppTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The job guarantees against the Yahoo adapter on a WireMock server that serves real recorded bodies: a slice
 * whose provider keeps failing is retried with backoff until it succeeds, an unknown symbol stops at once, and a
 * 429 is waited out for its {@code Retry-After}. {@link YahooAppTestBase} says why the clock starts in 2021.
 */
final class BackfillRetryIntegrationTest extends YahooAppTestBase {

    private static final String BTC_FIXTURE = "chart_BTC-USD_1d_2020-01-01_2021-01-04_crypto_nullbars.json";
    private static final String SIX_FIXTURE = "chart_SIX_404_no_data_delisted.json";
    private static final Duration RETRY_INITIAL_BACKOFF = Duration.ofMillis(400);
    private static final int RESILIENCE_MAX_ATTEMPTS = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.providers.resilience.max-attempts", () -> RESILIENCE_MAX_ATTEMPTS);
        registry.add("candlekeep.providers.resilience.initial-backoff", () -> "5ms");
        registry.add("candlekeep.providers.resilience.max-backoff", () -> "20ms");
        // a Retry-After above this goes back to the slice runner, which reschedules instead of sleeping
        registry.add("candlekeep.providers.resilience.max-retry-after", () -> "500ms");
        // the circuit would open on the deliberate 500s and hold every slice for a minute
        registry.add("candlekeep.providers.resilience.sliding-window-size", () -> "100");
        registry.add("candlekeep.providers.resilience.minimum-number-of-calls", () -> "100");
        registry.add("candlekeep.backfill.retry-initial-backoff", () -> RETRY_INITIAL_BACKOFF.toMillis() + "ms");
        registry.add("candlekeep.backfill.retry-max-backoff", () -> "2s");
    }

    @Test
    void slice_providerFailsMoreThanTheWrapperRetries_isRescheduledWithBackoffUntilItSucceeds() {
        byte[] body = Fixtures.bytes("yahoo", AAPL_FIXTURE);
        int failures = 2 * RESILIENCE_MAX_ATTEMPTS + 1;
        String path = chartPath("AAPL");
        String state = STARTED;
        for (int i = 1; i <= failures; i++) {
            yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("AAPL").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(500).withBody("upstream broke"))
                    .willSetStateTo("failed " + i));
            state = "failed " + i;
        }
        yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("AAPL").whenScenarioStateIs(state).willReturn(ok(body)));

        track("AAPL", "1d");
        awaitJobStatus("AAPL", "1d", "COMPLETE");

        Map<Long, List<Run>> bySlice = runsBySlice("AAPL", "1d");
        assertThat(bySlice).as("the daily window is cut into a newest slice and an older one").hasSize(2);
        int failedRuns = 0;
        for (List<Run> slice : bySlice.values()) {
            List<String> statuses = slice.stream().map(Run::status).toList();
            assertThat(statuses.getLast()).as("last run of slice %s", slice).isEqualTo("SUCCEEDED");
            assertThat(statuses.subList(0, statuses.size() - 1)).as("runs before success of %s", slice)
                    .containsOnly("FAILED");
            assertThat(slice.stream().map(Run::attempt).toList()).as("attempts of %s", slice)
                    .isEqualTo(IntStream.rangeClosed(1, slice.size()).boxed().toList());
            failedRuns += slice.size() - 1;
        }
        // every run that ends FAILED used up all of the wrapper's attempts
        assertThat(failedRuns).isEqualTo(failures / RESILIENCE_MAX_ATTEMPTS);
        // each 500 was one request, and each slice took one good answer
        assertThat(requests(path)).hasSize(failures + 2);
        // the backoff of a first retry is drawn from [initial / 2, initial]
        assertThat(assertRetriesWaited(bySlice, RETRY_INITIAL_BACKOFF.dividedBy(2))).as("retried runs").isPositive();

        List<StoredBar> expected = fixtureBars(body, WINDOW_START);
        List<StoredBar> stored = storedBars("AAPL", "1d");
        assertThat(expected).hasSizeBetween(248, 252);
        assertThat(stored).containsExactlyElementsOf(expected);
        assertThat(stored.getFirst().start()).isEqualTo(Instant.parse("2020-01-06T14:30:00Z"));
        // 2020-08-31, the 4:1 split day: the recorded close is stored, not the dividend-adjusted adjclose (128.03)
        assertThat(stored).contains(new StoredBar(Instant.parse("2020-08-31T13:30:00Z"), 129.0399932861328));
        assertThat(stored.getLast()).isEqualTo(new StoredBar(Instant.parse("2020-12-31T14:30:00Z"), 132.69000244140625));
        assertNoDuplicateBars();
    }

    @Test
    void slice_unknownSymbol_marksItNotFoundAndNeverAsksAgain() {
        String path = chartPath("SIX");
        yahoo.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(Fixtures.bytes("yahoo", SIX_FIXTURE))));

        // every timeframe: 15m, 1h (also for 4h) and 1d are three fetched series with a slice each
        ApiClient.Response tracked = api.post("/api/v1/tracking", "{\"symbols\":[\"SIX\"]}");
        assertThat(tracked.status()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(15), "SIX reported as not found",
                () -> "NOT_FOUND".equals(api.get("/api/v1/symbols/SIX/coverage").json().path("status").asString("")));
        Eventually.await(Duration.ofSeconds(15), "the queued slices of SIX dropped", () -> outstandingSlices("SIX") == 0);

        JsonNode coverage = api.get("/api/v1/symbols/SIX/coverage").json();
        assertThat(coverage.get("status_reason").asString()).contains("delisted");
        for (JsonNode series : coverage.get("timeframes")) {
            assertThat(series.get("job_status").asString()).as("job of %s", series.get("timeframe"))
                    .isEqualTo("NOT_FOUND");
        }
        // one answer settles it: the other slices, queued behind the first, do not ask again
        assertThat(requests(path)).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM backfill_run WHERE symbol = 'SIX'").query(String.class).list())
                .containsExactly("NOT_FOUND");

        // well past the retry backoff and many polls of the engine: still nothing
        sleep(Duration.ofMillis(1500));
        ApiClient.Response again = api.post("/api/v1/tracking", "{\"symbols\":[\"SIX\"],\"timeframes\":[\"1d\"]}");
        assertThat(again.json().get("jobs_updated").asInt()).isZero();
        sleep(Duration.ofMillis(500));
        assertThat(requests(path)).hasSize(1);
        assertThat(outstandingSlices("SIX")).isZero();
    }

    @Test
    void slice_rateLimitedWithRetryAfter_waitsThatLongWithoutUsingAnAttemptThenSucceeds() {
        byte[] body = Fixtures.bytes("yahoo", BTC_FIXTURE);
        String path = chartPath("BTC-USD");
        yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("BTC").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("served"));
        yahoo.stubFor(get(urlPathEqualTo(path)).inScenario("BTC").whenScenarioStateIs("served").willReturn(ok(body)));

        track("BTC-USD", "1d");
        awaitJobStatus("BTC-USD", "1d", "COMPLETE");

        Map<Long, List<Run>> bySlice = runsBySlice("BTC-USD", "1d");
        List<List<Run>> limited = bySlice.values().stream()
                .filter(runs -> runs.stream().anyMatch(r -> r.status().equals("RATE_LIMITED"))).toList();
        assertThat(limited).hasSize(1);
        assertThat(limited.getFirst()).extracting(Run::status).containsExactly("RATE_LIMITED", "SUCCEEDED");
        assertThat(limited.getFirst()).extracting(Run::attempt).containsExactly(1, 1);
        bySlice.values().stream().filter(runs -> !limited.contains(runs))
                .forEach(runs -> assertThat(runs).extracting(Run::status).containsExactly("SUCCEEDED"));

        assertThat(requests(path)).hasSize(bySlice.size() + 1);
        assertThat(assertRetriesWaited(bySlice, Duration.ofSeconds(1))).as("retried runs").isPositive();

        List<StoredBar> stored = storedBars("BTC-USD", "1d");
        assertThat(stored).containsExactlyElementsOf(fixtureBars(body, WINDOW_START));
        // every day from 2020-01-06 to 2021-01-04 (2020 is a leap year) less the 4 null bars of the recording
        assertThat(stored).hasSize(365 - 4);
        assertThat(stored.getLast().start()).isEqualTo(Instant.parse("2021-01-04T00:00:00Z"));
        assertNoDuplicateBars();
    }
}
