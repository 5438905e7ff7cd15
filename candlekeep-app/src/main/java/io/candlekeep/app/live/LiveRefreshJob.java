package io.candlekeep.app.live;

import io.candlekeep.app.schedule.ScheduledJob;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The live refresh schedule (DESIGN §4): latest quotes for every tracked symbol into the cache and the forming bars. */
@Component
class LiveRefreshJob implements ScheduledJob {

    private final LiveRefreshService live;

    LiveRefreshJob(LiveRefreshService live) {
        this.live = live;
    }

    @Override
    public String id() {
        return "live-refresh";
    }

    @Override
    public String title() {
        return "live refresh";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Outcome run() {
        LiveRefreshService.RefreshResult r = live.refreshAll();
        return Outcome.of(r.quotes() + " of " + r.symbols() + " symbols quoted, " + r.barsWritten() + " forming bars written",
                r.errors());
    }
}
