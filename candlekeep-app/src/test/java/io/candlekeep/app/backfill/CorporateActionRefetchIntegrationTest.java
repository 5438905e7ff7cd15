package io.candlekeep.app.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.YahooAppTestBase;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A split the provider reports after the first backfill makes the stored daily history stale: it is fetched
 * again as a whole, in one slice (one transaction), and ends equal to the provider's adjusted history.
 */
final class CorporateActionRefetchIntegrationTest extends YahooAppTestBase {

    private static final Instant SPLIT_DAY = Instant.parse("2020-08-31T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the days after the first answers end are a known hole; ask again at once
        registry.add("candlekeep.backfill.hole-initial-backoff", () -> "1ms");
    }

    @Autowired
    BackfillService backfill;

    @Test
    void split_reportedAfterTheFirstBackfill_refetchesTheDailyHistoryInOneSlice() {
        String recorded = Fixtures.text("yahoo", AAPL_FIXTURE);
        serve(beforeTheSplitWasKnown(recorded));
        track("AAPL", "1d");
        long first = awaitSettled(1);
        double unadjusted = closeOn("2020-08-03");

        serve(recorded);
        var update = backfill.ensureJobs(Symbol.of("AAPL"), Set.of(Timeframe.D1), 300, SyncTrigger.GAP_FILL);
        assertThat(update.planned()).as("the days since the split are a gap").isEqualTo(1);
        // the gap's plan finds the split, the refetch's plan follows it; how soon each is seen is the machine's affair
        long refetch = first + 2;
        awaitSettled(refetch);

        assertThat(jdbc.sql("""
                SELECT COUNT(DISTINCT slice_start) FROM backfill_run
                 WHERE symbol = 'AAPL' AND timeframe = '1d' AND job_seq = ? AND status = 'SUCCEEDED'
                """).param(refetch).query(Integer.class).single()).as("the refetch is one slice").isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT MIN(slice_start) FROM backfill_run WHERE symbol = 'AAPL' AND timeframe = '1d' AND job_seq = ?
                """).param(refetch).query(Long.class).single())
                .as("the refetch starts where the history does")
                .isLessThanOrEqualTo(jdbc.sql("""
                        SELECT MIN(b.start_ms) FROM bars b JOIN series s ON s.id = b.series_id
                         WHERE s.symbol = 'AAPL' AND s.timeframe = '1d'
                        """).query(Long.class).single());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM corporate_action WHERE symbol = 'AAPL' AND kind = 'SPLIT'")
                .query(Integer.class).single()).isEqualTo(1);
        double adjusted = closeOn("2020-08-03");
        assertThat(adjusted).isEqualTo(unadjusted / 4, within(1e-9));
        assertThat(adjusted).isEqualTo(recordedClose(recorded, "2020-08-03"));
    }

    /**
     * The real recording as Yahoo would have sent it on the eve of the split: it ends the trading day before,
     * with no split event and prices not yet divided by four.
     */
    private static String beforeTheSplitWasKnown(String recorded) {
        ObjectNode root = (ObjectNode) JSON.readTree(recorded);
        ObjectNode result = (ObjectNode) root.get("chart").get("result").get(0);
        ((ObjectNode) result.get("events")).remove("splits");
        ArrayNode timestamps = (ArrayNode) result.get("timestamp");
        ObjectNode quote = (ObjectNode) result.get("indicators").get("quote").get(0);
        ArrayNode adjclose = (ArrayNode) result.get("indicators").get("adjclose").get(0).get("adjclose");
        for (int i = timestamps.size() - 1; i >= 0; i--) {
            if (!Instant.ofEpochSecond(timestamps.get(i).asLong()).isBefore(SPLIT_DAY)) {
                for (String field : List.of("open", "high", "low", "close", "volume")) {
                    ((ArrayNode) quote.get(field)).remove(i);
                }
                adjclose.remove(i);
                timestamps.remove(i);
            }
        }
        for (String field : List.of("open", "high", "low", "close")) {
            ArrayNode values = (ArrayNode) quote.get(field);
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).isNull()) {
                    values.set(i, values.get(i).asDouble() * 4);
                }
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static double recordedClose(String recorded, String date) {
        JsonNode result = JSON.readTree(recorded).get("chart").get("result").get(0);
        List<Long> timestamps = new ArrayList<>();
        result.get("timestamp").forEach(t -> timestamps.add(t.asLong()));
        for (int i = 0; i < timestamps.size(); i++) {
            if (Instant.ofEpochSecond(timestamps.get(i)).toString().startsWith(date)) {
                return result.get("indicators").get("quote").get(0).get("close").get(i).asDouble();
            }
        }
        throw new AssertionError("no recorded bar on " + date);
    }

    private double closeOn(String date) {
        return jdbc.sql("""
                SELECT b.close FROM bars b JOIN series s ON s.id = b.series_id
                 WHERE s.symbol = 'AAPL' AND s.timeframe = '1d' AND b.start_ms >= ? AND b.start_ms < ?
                """)
                .params(Instant.parse(date + "T00:00:00Z").toEpochMilli(),
                        Instant.parse(date + "T23:59:59Z").toEpochMilli())
                .query(Double.class).single();
    }

    private static void serve(String body) {
        yahoo.resetAll();
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/AAPL"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** Waits until AAPL 1d has a plan at least {@code jobSeq} complete with no refetch owed, and answers its number. */
    private long awaitSettled(long jobSeq) {
        Eventually.await(Duration.ofSeconds(60), "AAPL 1d plan " + jobSeq + " or later complete, no refetch owed",
                () -> jdbc.sql("""
                        SELECT COUNT(*) FROM series_job WHERE symbol = 'AAPL' AND timeframe = '1d'
                           AND job_seq >= ? AND status = 'COMPLETE' AND refetch_pending = 0
                        """).param(jobSeq).query(Integer.class).single() == 1);
        return jdbc.sql("SELECT job_seq FROM series_job WHERE symbol = 'AAPL' AND timeframe = '1d'")
                .query(Long.class).single();
    }
}
