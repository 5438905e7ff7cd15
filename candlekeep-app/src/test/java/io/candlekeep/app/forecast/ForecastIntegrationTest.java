package io.candlekeep.app.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.retention.RetentionService;
import io.candlekeep.app.schedule.ScheduledJob;
import io.candlekeep.app.schedule.ScheduleService;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Schedules;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestBars;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.forecast.ForecastTargets;
import io.candlekeep.core.forecast.SeriesForecast;
import io.candlekeep.core.store.BarStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Forecasts end to end on the simulated provider over real HTTP: a tracked series is backfilled, the forecast
 * schedule forecasts it from the stored bars, and once final bars arrive through the normal write path the steps
 * they target are checked and the accuracy API counts them; a forming bar never checks a step.
 */
final class ForecastIntegrationTest extends SimulatedAppTestBase {

    @Autowired
    ScheduleService schedules;

    @Autowired
    BarWriter writer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionService retention;

    @Autowired
    ForecastRepository repository;

    @Autowired
    BarStore store;

    @Autowired
    HotBarCache hotBarCache;

    @Test
    void forecast_trackedSeries_isForecastByEveryModel_thenCheckedOnlyAgainstFinalBars() {
        SeriesId series = SeriesId.of("BTC-USD", Timeframe.H1);
        track("BTC-USD", "watchlist", "1h");
        // the newest six hours not stored yet, as from a provider running behind: the bars the first steps target
        // have ended, and arrive later (a bar may be final only once its hour has ended)
        long lagging = Instant.now().minus(Duration.ofHours(6)).toEpochMilli();
        assertThat(jdbc.sql("""
                DELETE FROM bars WHERE series_id = (SELECT id FROM series WHERE symbol = 'BTC-USD' AND timeframe = '1h')
                   AND start_ms >= ?""").param(lagging).update()).isBetween(6, 7);
        hotBarCache.invalidate(series);
        String path = "/api/v1/forecasts/BTC-USD?timeframe=1h";
        ApiClient.Response before = api.get(path);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.contentType()).startsWith("application/problem+json");
        assertThat(before.json().get("detail").asString()).startsWith("No forecast of 'BTC-USD' 1h yet");

        Instant asked = Instant.now();
        Schedules.runAndAwait(schedules, "forecast");

        JsonNode forecast = api.get(path).json();
        assertThat(forecast.get("symbol").asString()).isEqualTo("BTC-USD");
        assertThat(forecast.get("timeframe").asString()).isEqualTo("1h");
        List<JsonNode> models = list(forecast.get("models"));
        assertThat(models).extracting(m -> m.get("model").asString())
                .containsExactly("naive", "drift", "seasonal_naive", "ses");
        Instant basedOn = newestFinalStart("BTC-USD", "1h");
        MarketCalendar crypto = MarketCalendars.crypto();
        for (JsonNode m : models) {
            assertThat(Instant.parse(m.get("based_on").asString())).as("based on of %s", m.get("model")).isEqualTo(basedOn);
            assertThat(Instant.parse(m.get("made_at").asString())).isAfterOrEqualTo(asked.minusMillis(1));
            assertThat(m.get("observations").asInt()).isEqualTo(500);
            List<JsonNode> points = list(m.get("points"));
            assertThat(points).hasSize(24);
            Instant expected = basedOn;
            for (JsonNode p : points) {
                expected = crypto.nextBarStart(Timeframe.H1, expected.plusMillis(1));
                assertThat(Instant.parse(p.get("start").asString())).isEqualTo(expected);
                assertThat(p.get("status").asString()).isEqualTo("open");
                assertThat(p.path("actual").isNull() || p.path("actual").isMissingNode()).isTrue();
                double point = p.get("point").asDouble();
                JsonNode i80 = p.get("intervals").get("80");
                JsonNode i95 = p.get("intervals").get("95");
                assertThat(i95.get("lower").asDouble()).isLessThan(i80.get("lower").asDouble());
                assertThat(i80.get("lower").asDouble()).isLessThan(point);
                assertThat(i80.get("upper").asDouble()).isGreaterThan(point);
                assertThat(i95.get("upper").asDouble()).isGreaterThan(i80.get("upper").asDouble());
            }
        }
        double lastClose = models.getFirst().get("last_close").asDouble();
        assertThat(lastClose).isEqualTo(api.get("/api/v1/bars/BTC-USD?timeframe=1h&from=" + basedOn + "&to=" + basedOn.plusMillis(1)).json()
                .get("bars").get(0).get("close").asDouble());
        assertThat(list(models.getFirst().get("points"))).allSatisfy(p -> assertThat(p.get("point").asDouble()).isEqualTo(lastClose));
        assertThat(models.get(2).get("parameters").get("season").asDouble()).isEqualTo(24.0);
        assertThat(models.get(3).get("parameters").get("alpha").asDouble()).isBetween(0.0, 1.0);

        ApiClient.Response noneChecked = api.get("/api/v1/forecasts/BTC-USD/accuracy?timeframe=1h");
        assertThat(noneChecked.status()).isEqualTo(404);
        assertThat(noneChecked.json().get("detail").asString())
                .isEqualTo("No forecast of 'BTC-USD' 1h has been checked yet: 96 forecast steps wait for their bars to be final");

        assertThat(list(models.getFirst().get("points")).subList(0, 3)).as("the bars of steps 1 to 3 have ended")
                .allSatisfy(p -> assertThat(Instant.parse(p.get("start").asString()).plus(Duration.ofHours(1)))
                        .isBefore(Instant.now()));
        // step 1's bar arrives forming (the provider's bar of an ended hour not final yet): it checks nothing
        List<Instant> targets = list(models.getFirst().get("points")).stream().map(p -> Instant.parse(p.get("start").asString())).toList();
        writer.write(series, List.of(TestBars.bar(targets.get(0), lastClose * 1.02, false)), Set.of());
        Schedules.runAndAwait(schedules, "forecast");
        assertThat(api.get("/api/v1/forecasts/BTC-USD/accuracy?timeframe=1h").status()).isEqualTo(404);
        assertThat(list(api.get(path).json().get("models"))).allSatisfy(m -> {
            assertThat(Instant.parse(m.get("based_on").asString())).as("no new final bar, no new forecast").isEqualTo(basedOn);
            assertThat(m.get("points").get(0).get("status").asString()).isEqualTo("open");
        });

        // steps 1 to 3 arrive final, 1 % up each
        List<Double> actuals = List.of(lastClose * 1.01, lastClose * 1.02, lastClose * 1.03);
        List<Bar> finals = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            finals.add(TestBars.bar(targets.get(k), actuals.get(k), true));
        }
        writer.write(series, finals, Set.of());
        Schedules.runAndAwait(schedules, "forecast");

        JsonNode accuracy = api.get("/api/v1/forecasts/BTC-USD/accuracy?timeframe=1h").json();
        Map<String, JsonNode> byModel = new HashMap<>();
        accuracy.get("models").forEach(m -> byModel.put(m.get("model").asString(), m));
        assertThat(byModel).containsOnlyKeys("naive", "drift", "seasonal_naive", "ses");
        for (JsonNode m : models) {
            JsonNode a = byModel.get(m.get("model").asString());
            double scale = m.get("mase_scale").asDouble();
            double sumAbs = 0;
            double sumScaled = 0;
            int inside80 = 0;
            int inside95 = 0;
            int directional = 0;
            int right = 0;
            for (int k = 0; k < 3; k++) {
                JsonNode p = m.get("points").get(k);
                double point = p.get("point").asDouble();
                double error = Math.abs(actuals.get(k) - point);
                sumAbs += error;
                sumScaled += error / scale;
                inside80 += inside(p.get("intervals").get("80"), actuals.get(k)) ? 1 : 0;
                inside95 += inside(p.get("intervals").get("95"), actuals.get(k)) ? 1 : 0;
                if (point != lastClose) {
                    directional++;
                    right += point > lastClose ? 1 : 0;
                }
            }
            String model = m.get("model").asString();
            assertThat(a.get("count").asLong()).as("checked steps of %s", model).isEqualTo(3);
            assertThat(a.get("mae").asDouble()).as("MAE of %s", model).isCloseTo(sumAbs / 3, within(1e-9));
            assertThat(a.get("mase").asDouble()).as("MASE of %s", model).isCloseTo(sumScaled / 3, within(1e-9));
            assertThat(a.get("coverage").get("80").asDouble()).isCloseTo(inside80 / 3.0, within(1e-12));
            assertThat(a.get("coverage").get("95").asDouble()).isCloseTo(inside95 / 3.0, within(1e-12));
            assertThat(a.get("directional_count").asLong()).as("directional steps of %s", model).isEqualTo(directional);
            if (directional > 0) {
                assertThat(a.get("directional_accuracy").asDouble()).isCloseTo((double) right / directional, within(1e-12));
            } else {
                assertThat(a.path("directional_accuracy").isNull() || a.path("directional_accuracy").isMissingNode()).isTrue();
            }
            assertThat(list(a.get("steps"))).extracting(s -> s.get("step").asInt()).containsExactly(1, 2, 3);
            // 21 steps of the first forecast, 24 of the one made from the bar of step 3
            assertThat(a.get("open").asLong()).isEqualTo(21 + 24);
            assertThat(a.get("missed").asLong()).isZero();
        }
        assertThat(byModel.get("naive").get("directional_count").asLong()).as("naive never predicts a move").isZero();

        JsonNode latest = api.get(path).json();
        assertThat(list(latest.get("models"))).allSatisfy(m -> assertThat(Instant.parse(m.get("based_on").asString()))
                .as("forecast again from the newest final bar").isEqualTo(targets.get(2)));
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM forecast_point p JOIN forecast f ON f.id = p.forecast_id
                 WHERE f.symbol = 'BTC-USD' AND f.timeframe = '1h' AND p.status = 'CHECKED'""").query(Long.class).single())
                .as("checked steps as stored").isEqualTo(3 * 4);
    }

    @Test
    void forecast_weakInterest_waitsForMoreNewBarsThanStrongInterest() {
        SeriesId series = SeriesId.of("SOL-USD", Timeframe.H1);
        track("SOL-USD", "search", "1h");
        Schedules.runAndAwait(schedules, "forecast");
        Instant basedOn = basedOn("SOL-USD");

        // search interest: a new forecast after 4 new final bars (candlekeep.forecast.every.search)
        List<Instant> next = ForecastTargets.after(MarketCalendars.crypto(), Timeframe.H1, basedOn, 4);
        writer.write(series, List.of(TestBars.bar(next.get(0), 100, true), TestBars.bar(next.get(1), 101, true),
                TestBars.bar(next.get(2), 102, true)), Set.of());
        Schedules.runAndAwait(schedules, "forecast");
        assertThat(basedOn("SOL-USD")).as("after 3 new final bars").isEqualTo(basedOn);

        writer.write(series, List.of(TestBars.bar(next.get(3), 103, true)), Set.of());
        Schedules.runAndAwait(schedules, "forecast");
        assertThat(basedOn("SOL-USD")).as("after 4 new final bars").isEqualTo(next.get(3));
    }

    @Test
    void forecast_symbolNobodyTracksOrDormant_isNotForecast() {
        // stored bars of a symbol nobody tracks
        SeriesId untracked = SeriesId.of("NOTRK", Timeframe.H1);
        long[] starts = MarketCalendars.nyse().expectedStarts(Timeframe.H1, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            bars.add(TestBars.bar(Instant.ofEpochMilli(starts[i]), 50 + Math.sin(i / 5.0), true));
        }
        writer.write(untracked, bars, Set.of());
        // a tracked symbol turned dormant
        track("ETH-USD", "watchlist", "1h");
        assertThat(jdbc.sql("UPDATE tracked_symbol SET status = 'DORMANT' WHERE symbol = 'ETH-USD'").update()).isEqualTo(1);

        Schedules.runAndAwait(schedules, "forecast");

        ApiClient.Response notTracked = api.get("/api/v1/forecasts/NOTRK?timeframe=1h");
        assertThat(notTracked.status()).isEqualTo(404);
        assertThat(notTracked.json().get("detail").asString())
                .isEqualTo("No forecast of 'NOTRK' 1h yet: it is not tracked, and only tracked symbols are forecast");
        ApiClient.Response dormant = api.get("/api/v1/forecasts/ETH-USD?timeframe=1h");
        assertThat(dormant.status()).isEqualTo(404);
        assertThat(dormant.json().get("detail").asString())
                .isEqualTo("No forecast of 'ETH-USD' 1h yet: it is not tracked (DORMANT), and only tracked symbols are forecast");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM forecast WHERE symbol IN ('NOTRK', 'ETH-USD')").query(Long.class).single())
                .isZero();
    }

    @Test
    void forecasts_badInput_isProblemJsonAndUnknownSymbolsAre404() {
        for (String path : List.of("/api/v1/forecasts/AAPL?timeframe=2h", "/api/v1/forecasts/AAPL/accuracy?timeframe=1w",
                "/api/v1/forecasts/A*B?timeframe=1h", "/api/v1/forecasts/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/accuracy")) {
            ApiClient.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/forecasts/AAPL?timeframe=2h").json().get("detail").asString())
                .startsWith("Unknown timeframe '2h'");
        for (String path : List.of("/api/v1/forecasts/ZZZNEVER?timeframe=1h", "/api/v1/forecasts/ZZZNEVER/accuracy")) {
            ApiClient.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).startsWith("Symbol 'ZZZNEVER' is not tracked and has no stored");
        }
        assertThat(ApiClient.withToken(port, null).get("/api/v1/forecasts/AAPL?timeframe=1h").status()).isEqualTo(401);
    }

    @Test
    void retention_keepsTheBarsOpenForecastStepsTarget_untilTheyClose_andRemovesOldForecasts() {
        // 1h bars from 800 days ago, older than 1h is kept (730 days)
        SeriesId series = SeriesId.of("RETN", Timeframe.H1);
        MarketCalendar nyse = MarketCalendars.nyse();
        Instant now = Instant.now();
        long[] starts = nyse.expectedStarts(Timeframe.H1, now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(780)));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bars.add(TestBars.bar(Instant.ofEpochMilli(starts[i]), 20 + i % 7, true));
        }
        writer.write(series, bars, Set.of());
        // a forecast made now from the first 30 of them, waiting for bars 30 to 32; and one made 31 days ago
        SeriesForecast made = SeriesForecast.of(BarSeries.of(bars.subList(0, 30)), Timeframe.H1, nyse, 3, 10).orElseThrow();
        assertThat(made.targets()).containsExactly(bars.get(30).start(), bars.get(31).start(), bars.get(32).start());
        repository.insert(series, made, now);
        repository.insert(series, made, now.minus(Duration.ofDays(31)));

        ScheduledJob.Outcome first = retention.run();

        assertThat(storedStarts(series)).as("bars from the oldest one an open step targets on")
                .containsExactlyElementsOf(bars.subList(30, 40).stream().map(Bar::start).toList());
        assertThat(first.done()).contains(made.forecasts().size() + " old forecasts removed");
        assertThat(jdbc.sql("SELECT made_at_ms FROM forecast WHERE symbol = 'RETN'").query(Long.class).list())
                .as("forecasts kept: those younger than candlekeep.forecast.keep (30 days)")
                .hasSize(made.forecasts().size()).allSatisfy(t -> assertThat(t).isEqualTo(now.toEpochMilli()));

        // those steps given up, nothing holds the old bars any more
        assertThat(repository.markMissed(now.minus(Duration.ofDays(700)), now)).isEqualTo(made.forecasts().size() * 3);
        retention.run();

        assertThat(storedStarts(series)).isEmpty();
    }

    private List<Instant> storedStarts(SeriesId series) {
        return store.read(series, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE).toList()
                .stream().map(Bar::start).toList();
    }

    private void track(String symbol, String source, String timeframe) {
        ApiClient.Response r = api.post("/api/v1/tracking", "{\"symbols\":[\"" + symbol + "\"],\"source\":\"" + source
                + "\",\"timeframes\":[\"" + timeframe + "\"]}");
        assertThat(r.status()).as("tracking %s: %s", symbol, r.body()).isEqualTo(200);
        // a series another test tracked shows its earlier job COMPLETE until this request's plan has run
        Backfills.awaitPlansDone(jdbc);
        Backfills.awaitComplete(api, symbol, 1);
    }

    private Instant basedOn(String symbol) {
        return Instant.parse(api.get("/api/v1/forecasts/" + symbol + "?timeframe=1h").json().get("models").get(0)
                .get("based_on").asString());
    }

    private Instant newestFinalStart(String symbol, String timeframe) {
        JsonNode bars = api.get("/api/v1/bars/" + symbol + "?timeframe=" + timeframe + "&limit=3").json().get("bars");
        Instant newest = null;
        for (JsonNode b : bars) {
            if (b.get("final").asBoolean()) {
                newest = Instant.parse(b.get("start").asString());
            }
        }
        return newest;
    }

    private static boolean inside(JsonNode band, double value) {
        return value >= band.get("lower").asDouble() && value <= band.get("upper").asDouble();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
