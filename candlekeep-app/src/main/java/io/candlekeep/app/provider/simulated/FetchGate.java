package io.candlekeep.app.provider.simulated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the simulated provider's fetches for the fault tests, so that a fault is injected on a condition with work
 * guaranteed to remain instead of on a timer. While the gate file exists it holds a number N: this process makes at
 * most N fetches, and each one beyond waits until the file is gone or holds a larger number. The first fetch held at
 * a limit logs {@value #HELD} with the limit, which a test waits for: the process then has made exactly N fetches,
 * and its job threads wait inside a fetch.
 *
 * <p>A file that does not hold a whole number holds every fetch, as a limit of 0 does. A process without a gate file
 * configured (every deployment) never reads one.
 */
final class FetchGate {

    /** The start of the line logged when a fetch is first held at a limit. */
    static final String HELD = "[GATE] simulated provider held after";

    private static final Logger log = LoggerFactory.getLogger(FetchGate.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Path file;
    private final SimulatedHistoryProvider.Sleeper sleeper;
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong loggedLimit = new AtomicLong(-1);

    FetchGate(Path file, SimulatedHistoryProvider.Sleeper sleeper) {
        this.file = Objects.requireNonNull(file, "file");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Returns when this fetch may go on; throws when interrupted while held. */
    void pass() throws InterruptedException {
        long ordinal = fetches.incrementAndGet();
        long limit = limit();
        if (ordinal <= limit) {
            return;
        }
        do {
            if (loggedLimit.getAndSet(limit) != limit) {
                log.info("{} {} fetches (gate file {}); fetches wait until it is removed or raised", HELD, limit, file);
            }
            sleeper.sleep(POLL);
            limit = limit();
        } while (ordinal > limit);
    }

    /** The number of fetches the file allows: unlimited when it is gone, 0 when it holds no whole number. */
    private long limit() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            long limit = Long.parseLong(text);
            return limit < 0 ? 0 : limit;
        } catch (NoSuchFileException e) {
            return Long.MAX_VALUE;
        } catch (NumberFormatException | IOException e) {
            return 0;
        }
    }
}
