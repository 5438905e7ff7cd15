package io.candlekeep.app.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param threads executions run at once (slices fetched in parallel)
 * @param pollInterval how often the engine looks for due work when nothing woke it
 * @param heartbeatInterval how often a running execution proves it is alive
 * @param missedHeartbeatsLimit heartbeats an execution may miss before another instance (or this one, after a
 *        database outage) takes it as dead and runs it again: a killed instance's work resumes after about
 *        {@code heartbeatInterval x missedHeartbeatsLimit}, plus up to two heartbeat intervals until the check runs
 * @param instanceName how this instance marks the executions it runs ({@code picked_by}); unset: host name and
 *        process id, so that instances on one host are told apart
 */
@ConfigurationProperties(prefix = "candlekeep.jobs")
public record JobEngineProperties(Integer threads, Duration pollInterval, Duration heartbeatInterval,
        Integer missedHeartbeatsLimit, String instanceName) {

    public JobEngineProperties {
        threads = threads == null ? 5 : threads;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
        missedHeartbeatsLimit = missedHeartbeatsLimit == null ? 4 : missedHeartbeatsLimit;
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("candlekeep.jobs.threads must be in [1, 64] but was " + threads);
        }
        if (heartbeatInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("candlekeep.jobs.heartbeat-interval must be at least 100ms but was "
                    + heartbeatInterval);
        }
        // db-scheduler's own floor: fewer would take an execution whose heartbeat is merely late as dead
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("candlekeep.jobs.missed-heartbeats-limit must be at least 4 but was "
                    + missedHeartbeatsLimit);
        }
    }

    /** How this instance names itself: {@code instanceName}, else host name and process id. */
    public String instance() {
        if (instanceName != null && !instanceName.isBlank()) {
            return instanceName.strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "#" + ProcessHandle.current().pid();
    }

    /** The time after which an execution without a heartbeat counts as dead. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeatsLimit);
    }
}
