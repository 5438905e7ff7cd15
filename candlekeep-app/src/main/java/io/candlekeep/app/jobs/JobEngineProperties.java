package io.candlekeep.app.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param threads executions run at once (slices fetched in parallel)
 * @param pollInterval how often the engine looks for due work when nothing woke it
 * @param heartbeatInterval how often a running execution proves it is alive
 */
@ConfigurationProperties(prefix = "candlekeep.jobs")
public record JobEngineProperties(Integer threads, Duration pollInterval, Duration heartbeatInterval) {

    public JobEngineProperties {
        threads = threads == null ? 5 : threads;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("candlekeep.jobs.threads must be in [1, 64] but was " + threads);
        }
    }
}
