package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.bars.Resampler;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The core loop end to end: track over HTTP, jobs backfill every timeframe, bars read back over HTTP. */
final class TrackingIntegrationTest extends SimulatedAppTestBase {

    @Autowired
    JdbcClient jdbc;

    /** Whatever the environment says: these tests run without a FRED API key. */
    @DynamicPropertySource
    static void withoutFredKey(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.providers.fred.api-key", () -> "");
    }

    @Test
    void track_oneSymbol_answersTheDesignFieldsAndBackfillsAllFourTimeframes() {
        ApiClient.Response r = api.post("/api/v1/tracking", """
                {"symbols":["AAPL"],"source":"watchlist"}""");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(ApiClient.parse("""
                {"success":true,"symbols_tracked":1,"symbols_requested":1,"timeframes":4,"jobs_updated":4,"priority":300,"source":"watchlist","planning":"queued"}"""));

        Backfills.awaitComplete(api, "AAPL", 4);
        Instant now = Instant.now();
        JsonNode coverage = api.get("/api/v1/symbols/AAPL/coverage").json();
        for (JsonNode series : coverage.get("timeframes")) {
            Timeframe tf = Timeframe.of(series.get("timeframe").asString());
            long bars = series.get("bars").asLong();
            long expected = series.get("expected_bars").asLong();
            assertThat(bars).as("%s bars vs expected", tf).isBetween(expected - 1, expected + 1);
            Instant windowStart = now.minus(windowOf(tf));
            assertThat(Instant.parse(series.get("first").asString())).as("%s first bar", tf)
                    .isBetween(windowStart.minus(tf.duration()).minus(Duration.ofMinutes(2)),
                            windowStart.plus(Duration.ofDays(4)));
        }
        int daily = barsOf("AAPL", "1d").size();
        int expectedDaily = MarketCalendars.nyse().expectedStarts(Timeframe.D1, now.minus(Duration.ofDays(365)), now).length;
        assertThat(daily).isBetween(expectedDaily - 1, expectedDaily + 1).isBetween(245, 256);
    }

    @Test
    void track_frankfurtListing_expectsXetraSessionsAnd1hBarsFrom0900Berlin() {
        api.post("/api/v1/tracking", """
                {"symbols":["SAP.DE"],"timeframes":["1h","1d"]}""");
        Backfills.awaitComplete(api, "SAP.DE", 2);

        JsonNode coverage = api.get("/api/v1/symbols/SAP.DE/coverage").json();
        assertThat(coverage.get("calendar").asString()).isEqualTo("XETR");
        for (JsonNode series : coverage.get("timeframes")) {
            long bars = series.get("bars").asLong();
            long expected = series.get("expected_bars").asLong();
            assertThat(bars).as("%s bars vs expected", series.get("timeframe")).isBetween(expected - 1, expected + 1);
        }
        // Xetra trades 09:00-17:30 Frankfurt time: every 1h bar starts on the hour from 09:00 to 17:00, nine a day
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        MarketCalendar xetra = MarketCalendars.forExchange("XETR").orElseThrow();
        Map<LocalDate, List<LocalTime>> hoursByDay = new TreeMap<>();
        for (Bar bar : barsOf("SAP.DE", "1h")) {
            LocalTime local = bar.start().atZone(berlin).toLocalTime();
            assertThat(local.getMinute()).as("1h bar at %s", bar.start()).isZero();
            assertThat(local.getHour()).as("1h bar at %s", bar.start()).isBetween(9, 17);
            hoursByDay.computeIfAbsent(bar.start().atZone(berlin).toLocalDate(), d -> new ArrayList<>()).add(local);
        }
        List<LocalDate> days = List.copyOf(hoursByDay.keySet());
        // the window's first day and the forming last day may be partial, and the year's last day closes at 14:00
        List<LocalDate> fullDays = days.subList(1, days.size() - 1).stream()
                .filter(d -> !xetra.session(d).orElseThrow().earlyClose())
                .toList();
        assertThat(fullDays).isNotEmpty()
                .allSatisfy(d -> assertThat(hoursByDay.get(d)).as("1h bars of %s", d).hasSize(9));
        Instant now = Instant.now();
        int expectedDaily = xetra.expectedStarts(Timeframe.D1, now.minus(Duration.ofDays(365)), now).length;
        assertThat(barsOf("SAP.DE", "1d")).hasSizeBetween(expectedDaily - 1, expectedDaily + 1)
                .allSatisfy(b -> assertThat(b.start().atZone(berlin).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    }

    @Test
    void track_derived4h_equalsTheResampled1hBars() {
        api.post("/api/v1/tracking", """
                {"symbols":["MSFT"],"source":"chart_view","timeframes":["h1","4h"]}""");
        Backfills.awaitComplete(api, "MSFT", 2);

        BarSeries hourly = BarSeries.of(barsOf("MSFT", "1h"));
        List<Bar> fourHourly = barsOf("MSFT", "4h");
        BarSeries expected = Resampler.resample(hourly, Timeframe.H1, Timeframe.H4, MarketCalendars.nyse(), Instant.now());

        assertThat(fourHourly).isNotEmpty();
        // both sides from the first stored 1h bar on: when the 1h window begins inside a 4h bucket (the test runs
        // between 14:30 and 18:30 UTC), that partial bucket's start lies before it and is compared on neither side
        long from = hourly.firstStartMillis();
        assertThat(BarSeries.of(fourHourly).range(from, Long.MAX_VALUE, Integer.MAX_VALUE).toList())
                .containsExactlyElementsOf(expected.range(from, Long.MAX_VALUE, Integer.MAX_VALUE).toList());
    }

    @Test
    void track_4hAddedAfter1hIsComplete_buildsTheWhole4hHistoryFromStored1h() {
        api.post("/api/v1/tracking", """
                {"symbols":["META"],"timeframes":["1h"]}""");
        Backfills.awaitComplete(api, "META", 1);
        BarSeries hourly = BarSeries.of(barsOf("META", "1h"));

        api.post("/api/v1/tracking", """
                {"symbols":["META"],"timeframes":["4h"]}""");
        // the 4h series shows the complete 1h job it derives from until the request's plan deepens that job
        Backfills.awaitPlansDone(jdbc);
        Backfills.awaitComplete(api, "META", 2);

        // 4h needs a year of 1h, so the 1h series now reaches further back than its own 90 days
        BarSeries hourlyNow = BarSeries.of(barsOf("META", "1h"));
        assertThat(hourlyNow.firstStartMillis()).isLessThan(hourly.firstStartMillis());
        List<Bar> fourHourly = barsOf("META", "4h");
        BarSeries expected = Resampler.resample(hourlyNow, Timeframe.H1, Timeframe.H4, MarketCalendars.nyse(),
                Instant.now());
        assertThat(fourHourly).containsExactlyElementsOf(expected.toList());
    }

    @Test
    void track_sameSymbolAgain_neverDuplicatesABar() {
        api.post("/api/v1/tracking", """
                {"symbols":["NVDA"],"timeframes":["15m","1d"]}""");
        Backfills.awaitComplete(api, "NVDA", 2);
        int m15 = barsOf("NVDA", "15m").size();
        int d1 = barsOf("NVDA", "1d").size();

        ApiClient.Response again = api.post("/api/v1/tracking", """
                {"symbols":["NVDA","nvda"],"timeframes":["15m","1d"]}""");
        assertThat(again.json().get("symbols_tracked").asInt()).isEqualTo(1);
        assertThat(again.json().get("symbols_requested").asInt()).isEqualTo(2);
        Backfills.awaitComplete(api, "NVDA", 2);

        for (String tf : List.of("15m", "1d")) {
            List<Bar> bars = barsOf("NVDA", tf);
            Set<Instant> starts = new HashSet<>();
            bars.forEach(b -> assertThat(starts.add(b.start())).as("duplicate %s bar at %s", tf, b.start()).isTrue());
        }
        assertThat(barsOf("NVDA", "15m").size()).isBetween(m15, m15 + 1);
        assertThat(barsOf("NVDA", "1d").size()).isBetween(d1, d1 + 1);
    }

    @Test
    void track_concurrentRequestsForOneSymbol_queueEachSeriesOnce() {
        List<CompletableFuture<ApiClient.Response>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post("/api/v1/tracking", """
                        {"symbols":["AMD"],"source":"search","timeframes":["1h","1d"]}""")))
                .toList();
        calls.forEach(c -> assertThat(c.join().status()).isEqualTo(200));
        Backfills.awaitComplete(api, "AMD", 2);

        List<Long> plans = jdbc.sql("SELECT job_seq FROM series_job WHERE symbol = 'AMD' ORDER BY timeframe")
                .query(Long.class).list();
        assertThat(plans).as("one plan per fetched series, however many requests raced").containsExactly(1L, 1L);
        Integer duplicatedSlices = jdbc.sql("""
                SELECT COUNT(*) FROM (SELECT slice_start FROM backfill_run
                  WHERE symbol = 'AMD' AND status = 'SUCCEEDED' GROUP BY timeframe, slice_start HAVING COUNT(*) > 1) twice""")
                .query(Integer.class).single();
        assertThat(duplicatedSlices).isZero();
    }

    @Test
    void track_badInput_isRejectedWithProblemJsonAndChangesNothing() {
        List<String> bodies = List.of(
                "{\"symbols\":[],\"source\":\"watchlist\"}",
                "{\"symbols\":[\"IBM\",\"NOT A SYMBOL\"]}",
                "{\"symbols\":[\"IBM\"],\"timeframes\":[\"5m\"]}",
                "{\"symbols\":[\"IBM\"],\"timeframes\":[]}",
                "{\"symbols\":[\"IBM\"],\"source\":\"rumour\"}",
                "{\"symbols\":[\"IBM\"",
                "{\"symbols\":\"IBM\"}",
                "");
        for (String body : bodies) {
            ApiClient.Response r = api.post("/api/v1/tracking", body);
            assertThat(r.status()).as("status for %s", body).isEqualTo(400);
            assertThat(r.contentType()).as("content type for %s", body).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as("detail for %s", body).isNotBlank();
        }
        JsonNode tracked = api.get("/api/v1/tracking").json().get("symbols");
        tracked.forEach(s -> assertThat(s.get("symbol").asString()).isNotEqualTo("IBM"));
        assertThat(api.get("/api/v1/symbols/IBM/coverage").status()).isEqualTo(404);
    }

    @Test
    void track_macroSeriesWithoutFredKey_isRefusedSayingAKeyIsNeededAndChangesNothing() {
        for (String body : List.of("{\"symbols\":[\"FRED:CPILFESL\"]}",
                "{\"symbols\":[\"ORCL\",\"FRED:GDP\"],\"timeframes\":[\"1d\"]}")) {
            ApiClient.Response r = api.post("/api/v1/tracking", body);

            assertThat(r.status()).as("status for %s", body).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("FRED:").contains("API key")
                    .contains("CANDLEKEEP_FRED_API_KEY");
        }
        assertThat(api.get("/api/v1/symbols/FRED:CPILFESL/coverage").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/symbols/ORCL/coverage").status()).isEqualTo(404);
        // the rest goes on as before
        assertThat(api.post("/api/v1/tracking", "{\"symbols\":[\"ORCL\"],\"timeframes\":[\"1d\"]}").status())
                .isEqualTo(200);
        Backfills.awaitComplete(api, "ORCL", 1);
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void bars_badQueries_answerProblemJsonSayingWhatWasWrong() {
        assertProblem("/api/v1/bars/ZZTOP?timeframe=1d", 404, "not tracked");
        assertProblem("/api/v1/bars/AAPL?timeframe=5m", 400, "5m");
        assertProblem("/api/v1/bars/AAPL?timeframe=1d&from=2025-02-01&to=2025-01-01", 400, "before");
        assertProblem("/api/v1/bars/AAPL?timeframe=1d&from=yesterday", 400, "from");
        assertProblem("/api/v1/bars/AAPL?timeframe=1d&from=-99999999999999", 400, "from");
        assertProblem("/api/v1/bars/AAPL?timeframe=1d&limit=0", 400, "limit");
        assertProblem("/api/v1/bars/AAPL?timeframe=1d&limit=100000000", 400, "limit");
        assertProblem("/api/v1/bars/AAPL?timeframe=1d&format=xml", 400, "format");
        assertProblem("/api/v1/bars/%20?timeframe=1d", 400, "symbol");
    }

    @Test
    void bars_formats_carryTheSameBars() {
        api.post("/api/v1/tracking", """
                {"symbols":["BTC-USD"],"timeframes":["1d"]}""");
        Backfills.awaitComplete(api, "BTC-USD", 1);
        List<Bar> json = barsOf("BTC-USD", "1d");
        assertThat(json.size()).isBetween(365, 367);

        JsonNode columns = api.get("/api/v1/bars/BTC-USD?timeframe=1d&format=columns").json();
        assertThat(columns.get("count").asInt()).isEqualTo(json.size());
        assertThat(columns.get("close").get(10).asDouble()).isEqualTo(json.get(10).close());
        assertThat(columns.get("start").get(10).asString()).isEqualTo(json.get(10).start().toString());

        ApiClient.Response csv = api.get("/api/v1/bars/BTC-USD?timeframe=1d&format=csv&limit=5");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).isEqualTo("start,open,high,low,close,volume,final");
        assertThat(lines[5]).startsWith(json.getLast().start().toString() + ",");

        List<Bar> lastTwo = barsOf("BTC-USD", "1d&limit=2");
        assertThat(lastTwo).containsExactlyElementsOf(json.subList(json.size() - 2, json.size()));
        Instant from = json.get(100).start();
        Instant to = json.get(110).start();
        String range = "1d&from=" + from + "&to=" + to.toEpochMilli();
        assertThat(barsOf("BTC-USD", range)).containsExactlyElementsOf(json.subList(100, 110));
    }

    @Test
    void service_exposesHealthAndOpenApi() {
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        ApiClient.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/bars/{symbol}")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/tracking")).isTrue();
    }

    private void assertProblem(String path, int status, String detailMentions) {
        ApiClient.Response r = api.get(path);
        assertThat(r.status()).as("status of %s", path).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", path).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).as("detail of %s", path).containsIgnoringCase(detailMentions);
    }

    private List<Bar> barsOf(String symbol, String timeframeAndParams) {
        ApiClient.Response r = api.get("/api/v1/bars/" + symbol + "?timeframe=" + timeframeAndParams);
        assertThat(r.status()).as("bars of %s %s: %s", symbol, timeframeAndParams, r.body()).isEqualTo(200);
        List<Bar> bars = new ArrayList<>();
        for (JsonNode b : r.json().get("bars")) {
            bars.add(new Bar(Instant.parse(b.get("start").asString()), b.get("open").asDouble(), b.get("high").asDouble(),
                    b.get("low").asDouble(), b.get("close").asDouble(), b.get("volume").asDouble(),
                    b.get("final").asBoolean()));
        }
        return bars;
    }

    private static Duration windowOf(Timeframe tf) {
        return switch (tf) {
            case M15 -> Duration.ofDays(30);
            case H1 -> Duration.ofDays(365); // 1h is filled as far back as the 4h window when 4h is tracked
            case H4, D1 -> Duration.ofDays(365);
        };
    }
}
