package io.candlekeep.app.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param linger how long a symbol keeps syncing after its last interest was removed; then it turns DORMANT: no
 *               longer refreshed, its bars kept, and active again as soon as someone shows interest
 */
@ConfigurationProperties(prefix = "candlekeep.tracking")
public record TrackingProperties(Duration linger) {

    public TrackingProperties {
        linger = linger == null ? Duration.ofDays(30) : linger;
        if (linger.isNegative()) {
            throw new IllegalArgumentException("candlekeep.tracking.linger must not be negative, was " + linger);
        }
    }
}
