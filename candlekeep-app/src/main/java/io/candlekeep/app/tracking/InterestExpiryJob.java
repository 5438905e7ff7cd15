package io.candlekeep.app.tracking;

import io.candlekeep.app.schedule.ScheduledJob;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Daily: symbols nobody has watched for longer than the linger stop being refreshed (DORMANT). */
@Component
class InterestExpiryJob implements ScheduledJob {

    private final TrackingService tracking;

    InterestExpiryJob(TrackingService tracking) {
        this.tracking = tracking;
    }

    @Override
    public String id() {
        return "interest-expiry";
    }

    @Override
    public String title() {
        return "interest expiry";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofDays(1);
    }

    @Override
    public Outcome run() {
        return Outcome.of(tracking.retireUnwatched().size() + " unwatched symbols turned dormant", 0);
    }
}
