package io.candlekeep.app.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.schedule.ScheduleService;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Schedules;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Work follows interest: with a budget of one series a run, the symbol of the strongest interest goes first. */
final class ForecastBudgetIntegrationTest extends SimulatedAppTestBase {

    @DynamicPropertySource
    static void oneSeriesPerRun(DynamicPropertyRegistry registry) {
        registry.add("candlekeep.forecast.max-series-per-run", () -> "1");
    }

    @Autowired
    ScheduleService schedules;

    @Test
    void forecast_budgetOfOneSeries_forecastsTheHighestPriorityFirst_andTheOtherInTheNextRun() {
        // searched first, so that order of tracking cannot be what decides
        track("ADA-USD", "search");
        track("DOGE-USD", "portfolio");

        ScheduleService.Status first = Schedules.runAndAwait(schedules, "forecast");

        assertThat(first.lastResult()).contains("1 series forecast").contains("1 left for the next run");
        assertThat(api.get("/api/v1/forecasts/DOGE-USD?timeframe=1h").status()).as("portfolio, priority 400").isEqualTo(200);
        assertThat(api.get("/api/v1/forecasts/ADA-USD?timeframe=1h").status()).as("search, priority 100").isEqualTo(404);

        ScheduleService.Status second = Schedules.runAndAwait(schedules, "forecast");

        assertThat(second.lastResult()).contains("1 series forecast").contains("0 left for the next run");
        assertThat(api.get("/api/v1/forecasts/ADA-USD?timeframe=1h").status()).isEqualTo(200);
    }

    private void track(String symbol, String source) {
        ApiClient.Response r = api.post("/api/v1/tracking", "{\"symbols\":[\"" + symbol + "\"],\"source\":\"" + source
                + "\",\"timeframes\":[\"1h\"]}");
        assertThat(r.status()).as("tracking %s: %s", symbol, r.body()).isEqualTo(200);
        Backfills.awaitComplete(api, symbol, 1);
    }
}
