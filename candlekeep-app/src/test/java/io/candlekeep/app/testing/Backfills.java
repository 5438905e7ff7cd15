package io.candlekeep.app.testing;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Waits for the backfill of a tracked symbol, as its coverage over HTTP reports it. */
public final class Backfills {

    private Backfills() {
    }

    /** Waits until {@code timeframes} series of {@code symbol} report their job {@code COMPLETE}. */
    public static void awaitComplete(ApiClient api, String symbol, int timeframes) {
        String[] last = {""};
        Eventually.await(Duration.ofSeconds(60), () -> symbol + " complete in " + timeframes + " timeframes; last seen "
                + last[0], () -> {
            ApiClient.Response r = api.get("/api/v1/symbols/" + symbol + "/coverage");
            last[0] = r.body();
            if (r.status() != 200) {
                return false;
            }
            int complete = 0;
            for (JsonNode tf : r.json().get("timeframes")) {
                if ("COMPLETE".equals(tf.path("job_status").asString(""))) {
                    complete++;
                }
            }
            return complete == timeframes;
        });
    }

    /**
     * Waits until the job engine holds no tracking request's plan: every request answered so far has its jobs
     * planned. Until then a series already planned shows its previous job in the coverage.
     */
    public static void awaitPlansDone(JdbcClient jdbc) {
        Eventually.await(Duration.ofSeconds(30), "every tracking request's jobs planned", () -> jdbc
                .sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'plan-interest'").query(Long.class)
                .single() == 0);
    }
}
