package io.candlekeep.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.stream.StreamClient;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.domain.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus} over real HTTP on the simulated provider, after a symbol's backfill: the admin's token
 * and the scrape token read every {@code candlekeep_*} family with plausible values, anyone else is refused as
 * problem+json, the scrape token opens nothing else, and the Grafana dashboard and the README name only what is
 * exported.
 */
final class PrometheusIntegrationTest extends SimulatedAppTestBase {

    static final String SCRAPE_TOKEN = "ck_test_scrape_token_0123456789";
    static final String PATH = "/actuator/prometheus";

    @DynamicPropertySource
    static void scrapeToken(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.metrics.scrape-token", () -> SCRAPE_TOKEN);
    }

    static String userToken;
    static List<String> schedules;

    /** Once for the class: a user, and AAPL backfilled in every timeframe while every schedule has succeeded once. */
    @BeforeEach
    void backfillOnce() {
        if (userToken != null) {
            return;
        }
        userToken = api.post("/api/v1/users", "{\"name\":\"grafana-viewer\"}").json().get("token").asString();
        ApiClient.Response tracked = api.post("/api/v1/tracking", "{\"symbols\":[\"AAPL\"],\"source\":\"watchlist\"}");
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        Backfills.awaitComplete(api, "AAPL", Timeframe.values().length);
        List<String> ids = new ArrayList<>();
        Eventually.await(Duration.ofSeconds(60), "every schedule succeeded once", () -> {
            ids.clear();
            for (JsonNode s : api.get("/cache/scheduler/status").json()) {
                if (!s.path("last_ok").asBoolean(false)) {
                    return false;
                }
                ids.add(s.get("id").asString());
            }
            return !ids.isEmpty();
        });
        schedules = List.copyOf(ids);
    }

    @Test
    void prometheus_adminOrScrapeToken_servesEveryFamilyWithPlausibleValues() {
        try (StreamClient subscriber = StreamClient.withHeaderToken(port, ApiClient.ADMIN_TOKEN)) {
            subscriber.send("{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"channels\":[\"quote\"]}");
            subscriber.next("snapshot");
            assertThat(api.post("/cache/refresh-live", "{}").status()).isEqualTo(202);
            subscriber.next("quote");
            // a quote the live refresh cached (a hit) and one of a symbol nobody tracks (a miss, asked of the provider)
            assertThat(api.get("/api/v1/quotes?symbols=AAPL").json().path("quotes").get(0).path("source").asString())
                    .isEqualTo("cache");
            assertThat(api.get("/api/v1/quotes?symbols=MSFT").status()).isEqualTo(200);

            for (String token : List.of(ApiClient.ADMIN_TOKEN, SCRAPE_TOKEN)) {
                ApiClient.Response r = ApiClient.withToken(port, token).get(PATH);
                assertThat(r.status()).as("scrape: %s", r.body()).isEqualTo(200);
                assertThat(r.contentType()).startsWith("text/plain");
                assertPlausible(PrometheusScrape.parse(r.body()));
            }
        }
    }

    private static void assertPlausible(PrometheusScrape scrape) {
        for (Timeframe tf : Timeframe.values()) {
            assertThat(scrape.value("candlekeep_bars_written_total", "timeframe", tf.code())).as("bars %s", tf)
                    .isPositive();
            for (String state : List.of("queued", "running")) {
                assertThat(scrape.value("candlekeep_backfill_queue_slices", "timeframe", tf.code(), "state", state))
                        .as("%s slices %s", state, tf).isGreaterThanOrEqualTo(0);
            }
            assertThat(scrape.value("candlekeep_coverage_percent", "timeframe", tf.code())).as("coverage %s", tf)
                    .isBetween(99.0, 100.0);
        }
        assertThat(scrape.value("candlekeep_coverage_percent", "timeframe", "1d")).isEqualTo(100.0);
        assertThat(scrape.value("candlekeep_backfill_slices_total", "outcome", "SUCCEEDED")).isPositive();
        assertThat(scrape.value("candlekeep_backfill_slices_total", "outcome", "GAVE_UP")).isZero();
        assertThat(scrape.find("candlekeep_backfill_slices_total")).extracting(s -> s.labels().get("outcome"))
                .containsExactlyInAnyOrder("SUCCEEDED", "NO_DATA", "NOT_FOUND", "RATE_LIMITED", "FAILED", "GAVE_UP",
                        "INTERRUPTED");

        String[] history = {"provider", "simulated", "kind", "history"};
        assertThat(scrape.value("candlekeep_provider_requests_total", "provider", "simulated", "kind", "history",
                "outcome", "fetched")).isPositive();
        assertThat(scrape.value("candlekeep_provider_requests_total", "provider", "simulated", "kind", "quotes",
                "outcome", "fetched")).isPositive();
        assertThat(scrape.value("candlekeep_provider_request_duration_seconds_count", history)).isPositive();
        assertThat(scrape.find("candlekeep_provider_request_duration_seconds_bucket", history)).isNotEmpty();
        assertThat(scrape.value("candlekeep_provider_circuit_state", "provider", "simulated")).isZero();
        assertThat(scrape.value("candlekeep_provider_circuit_refused_total", "provider", "simulated")).isZero();
        for (String limiter : List.of("local", "provider")) {
            assertThat(scrape.value("candlekeep_provider_rate_limit_waits_total", "provider", "simulated", "limiter",
                    limiter)).isGreaterThanOrEqualTo(0);
        }

        assertThat(scrape.value("candlekeep_live_cache_hits_total")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("candlekeep_live_cache_misses_total")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("candlekeep_live_cache_entries")).isGreaterThanOrEqualTo(1);

        for (String schedule : schedules) {
            assertThat(scrape.value("candlekeep_schedule_last_success_age_seconds", "schedule", schedule))
                    .as("age of %s's last success", schedule).isBetween(0.0, 3600.0);
        }

        assertThat(scrape.value("candlekeep_stream_connections")).isEqualTo(1);
        assertThat(scrape.value("candlekeep_stream_subscriptions")).isEqualTo(1);
        assertThat(scrape.value("candlekeep_stream_messages_sent_total", "type", "quote")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("candlekeep_stream_messages_sent_total", "type", "bar")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("candlekeep_stream_closed_too_slow_total")).isZero();

        // what Spring Boot measures anyway stays
        assertThat(scrape.names()).contains("jvm_memory_used_bytes", "process_uptime_seconds",
                "http_server_requests_seconds_count");
    }

    @Test
    void prometheus_withoutAdminOrScrapeToken_isRefusedAsProblemJson() {
        assertRefused(ApiClient.withToken(port, null).get(PATH), 401);
        assertRefused(ApiClient.withToken(port, "ck_this_is_not_a_token_of_this_service").get(PATH), 401);
        assertRefused(ApiClient.withToken(port, userToken).get(PATH), 403);
        // the scrape token reads; it does not post
        assertRefused(ApiClient.withToken(port, SCRAPE_TOKEN).post(PATH, "{}"), 401);
    }

    @Test
    void scrapeToken_onAnyOtherPath_isNoToken() {
        ApiClient scraper = ApiClient.withToken(port, SCRAPE_TOKEN);
        for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/health", "/cache/status",
                "/api/v1/monitor/jobs", "/api/v1/me", "/api/v1/bars/AAPL?timeframe=1d")) {
            assertRefused(scraper.get(path), 401);
        }
        assertRefused(scraper.post("/cache/refresh-live", "{}"), 401);
    }

    @Test
    void grafanaDashboard_readsOnlyExportedMetrics() {
        Set<String> exported = PrometheusScrape.parse(api.get(PATH).body()).names();

        assertThat(GrafanaDashboard.metrics(GrafanaDashboard.read())).isNotEmpty().allSatisfy(metric ->
                assertThat(exported).as("the dashboard's %s is exported", metric).contains(metric));
    }

    @Test
    void readme_documentsEveryExportedCandlekeepFamily() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Set<String> families = new TreeSet<>();
        for (String name : PrometheusScrape.parse(api.get(PATH).body()).names()) {
            if (name.startsWith("candlekeep_")) {
                families.add(name.replaceFirst("_(bucket|count|sum|max)$", ""));
            }
        }

        assertThat(families).hasSizeGreaterThanOrEqualTo(15).allSatisfy(family ->
                assertThat(readme).as("README documents %s", family).contains("`" + family + "`"));
    }

    private static void assertRefused(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("detail").asString()).isNotBlank();
    }
}
