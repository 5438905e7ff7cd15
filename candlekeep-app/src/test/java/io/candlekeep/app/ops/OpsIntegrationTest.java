package io.candlekeep.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operations API over real HTTP: figures, schedules, one symbol's history, and starting work now. */
final class OpsIntegrationTest extends SimulatedAppTestBase {

    @Test
    void schedulerStatus_listsEverySchedule_withItsT0RunAndNextRun() {
        Eventually.await(Duration.ofSeconds(20), "every schedule ran at T+0", () -> {
            for (JsonNode s : api.get("/cache/scheduler/status").json()) {
                if (s.path("runs").asLong(0) < 1) {
                    return false;
                }
            }
            return true;
        });
        JsonNode schedules = api.get("/cache/scheduler/status").json();
        List<String> ids = new ArrayList<>();
        schedules.forEach(s -> ids.add(s.get("id").asString()));
        assertThat(ids).contains("orchestrator", "historical-sync", "gap-fill", "retention", "health");
        for (JsonNode s : schedules) {
            assertThat(s.get("last_result").asString()).as("result of %s", s.get("id")).contains("errors in");
            assertThat(s.has("next_run")).as("next run of %s", s.get("id")).isTrue();
        }
    }

    @Test
    void backfillSymbol_tracksAndQueuesAtOnce_thenStatusAndHistoricalShowIt() {
        ApiClient.Response r = api.post("/cache/backfill-symbol", "{\"symbol\":\"AAPL\",\"market\":\"US\"}");

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("symbol").asString()).isEqualTo("AAPL");
        assertThat(r.json().get("timeframes").size()).isEqualTo(4);
        Eventually.await(Duration.ofSeconds(30), "AAPL backfilled", () -> {
            JsonNode status = api.get("/cache/status").json().get("status");
            return status.get("coverage_percent").asDouble() >= 99.0 && status.get("bars").asLong() > 0;
        });

        JsonNode historical = api.get("/cache/historical/AAPL").json();
        assertThat(historical.get("coverage").get("timeframes").size()).isEqualTo(4);
        assertThat(historical.get("recent_runs").size()).isGreaterThan(0);
        assertThat(historical.get("recent_runs").get(0).get("status").asString()).isIn("SUCCEEDED", "NO_DATA");
    }

    @Test
    void syncHistorical_answersAtOnceWithWhatWasQueued() {
        ApiClient.Response r = api.post("/cache/sync-historical", "");

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("schedule").asString()).isEqualTo("historical-sync");
        assertThat(r.json().has("queued")).isTrue();
    }

    @Test
    void backfillSymbol_badInput_isProblemJsonAndChangesNothing() {
        for (String body : List.of("{\"symbol\":\"AAPL\",\"market\":\"MARS\"}", "{\"symbol\":\"BTC-USD\",\"market\":\"US\"}",
                "{\"market\":\"US\"}", "{\"symbol\":\"NOT VALID\"}", "{")) {
            ApiClient.Response r = api.post("/cache/backfill-symbol", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.contentType()).as(body).startsWith("application/problem+json");
        }
        assertThat(api.get("/cache/historical/BTC-USD").status()).isEqualTo(404);
    }
}
