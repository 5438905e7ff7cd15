package io.candlekeep.app.backfill;

import io.candlekeep.app.store.StoreSelection;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Closes the run rows a stopped process left open, before the job engine starts running their slices again. On
 * PostgreSQL other instances may be running those slices right now: there a dead worker's run is closed when its
 * slice runs again ({@link BackfillRunRepository#start}).
 */
@Component
class BackfillStartup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackfillStartup.class);

    private final BackfillRunRepository runs;
    private final Clock clock;
    private final boolean shared;
    private volatile boolean running;

    BackfillStartup(BackfillRunRepository runs, Clock clock, Environment env) {
        this.runs = runs;
        this.clock = clock;
        this.shared = StoreSelection.isPostgres(env);
    }

    @Override
    public void start() {
        running = true;
        if (shared) {
            return;
        }
        int interrupted = runs.markInterrupted(clock.instant());
        if (interrupted > 0) {
            log.info("[BACKFILL] {} slice runs were interrupted by a stop; their slices resume now", interrupted);
        }
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
