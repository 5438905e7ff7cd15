package io.candlekeep.app.forecast;

import io.candlekeep.app.schedule.ScheduledJob;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The forecast schedule, every 15 minutes: first checks the open forecast steps against the final bars that have
 * arrived since (a periodic check rather than a hook on each write: it sees the bars any instance or path wrote,
 * and a restart loses nothing), then forecasts the series that are due (see {@link ForecastService#forecastDue}).
 */
@Component
class ForecastJob implements ScheduledJob {

    private final ForecastService forecasts;

    ForecastJob(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @Override
    public String id() {
        return "forecast";
    }

    @Override
    public String title() {
        return "forecast";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Outcome run() {
        ForecastService.Checked checked = forecasts.check();
        ForecastService.Made made = forecasts.forecastDue();
        return Outcome.of(checked.checked() + " forecast steps checked, " + checked.missed() + " missed; "
                + made.series() + " series forecast, " + made.tooShort() + " too short, " + made.deferred()
                + " left for the next run", checked.errors() + made.errors());
    }
}
