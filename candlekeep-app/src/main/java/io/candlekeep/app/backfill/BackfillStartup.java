package io.candlekeep.app.backfill;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Closes the run rows a stopped process left open, before the job engine starts running their slices again. */
@Component
class BackfillStartup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackfillStartup.class);

    private final BackfillRunRepository runs;
    private final Clock clock;
    private volatile boolean running;

    BackfillStartup(BackfillRunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public void start() {
        int interrupted = runs.markInterrupted(clock.instant());
        if (interrupted > 0) {
            log.info("[BACKFILL] {} slice runs were interrupted by a stop; their slices resume now", interrupted);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the job engine (default phase) picks anything up
        return DEFAULT_PHASE - 2048;
    }
}
