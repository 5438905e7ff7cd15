package io.candlekeep.app.backfill;

import io.candlekeep.app.metrics.Memo;
import io.candlekeep.core.domain.Timeframe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * {@code candlekeep_backfill_slices_total{outcome}}, the runs this instance closed by their {@link RunStatus}, and
 * {@code candlekeep_backfill_queue_slices{timeframe,state}}, the slices db-scheduler holds now ({@code queued}
 * waiting or backing off, {@code running}), across every instance on the database. The queue is one query, made at
 * most every {@link #QUEUE_TTL}.
 */
@Component
class BackfillMetrics {

    static final Duration QUEUE_TTL = Duration.ofSeconds(5);

    private final Map<RunStatus, Counter> runsClosed = new EnumMap<>(RunStatus.class);
    private final Memo<BackfillStatistics.SliceQueue> queue;

    BackfillMetrics(MeterRegistry registry, BackfillStatistics statistics, Clock clock) {
        for (RunStatus status : RunStatus.values()) {
            if (status != RunStatus.RUNNING) {
                runsClosed.put(status, Counter.builder("candlekeep.backfill.slices")
                        .description("Slice runs closed by this instance, by outcome (backfill_run.status)")
                        .tag("outcome", status.name())
                        .register(registry));
            }
        }
        this.queue = Memo.of(QUEUE_TTL, clock, statistics::pendingSlices);
        for (Timeframe timeframe : Timeframe.values()) {
            queueGauge(registry, timeframe, "queued", BackfillStatistics.PendingSlices::queued);
            queueGauge(registry, timeframe, "running", BackfillStatistics.PendingSlices::running);
        }
    }

    private void queueGauge(MeterRegistry registry, Timeframe timeframe, String state,
            ToLongFunction<BackfillStatistics.PendingSlices> count) {
        Gauge.builder("candlekeep.backfill.queue.slices", queue, q -> count.applyAsLong(q.get().of(timeframe)))
                .description("Slices held by the job engine now, per fetched timeframe: queued (waiting or backing "
                        + "off) or running")
                .tag("timeframe", timeframe.code())
                .tag("state", state)
                .strongReference(true)
                .register(registry);
    }

    /** Counts {@code runs} runs closed with {@code status}. */
    void closed(RunStatus status, int runs) {
        if (runs > 0) {
            runsClosed.get(status).increment(runs);
        }
    }
}
