package io.candlekeep.app.provider.binance;

import io.candlekeep.app.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A scheduler whose tasks run only when the test moves its clock past them, in the order they fall due. */
final class ManualScheduler implements BinanceKlineStream.Scheduler {

    private record Task(Instant due, Duration delay, Runnable run, long seq) {
    }

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long seq;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized BinanceKlineStream.Cancellable schedule(Duration delay, Runnable run) {
        Task task = new Task(clock.instant().plus(delay), delay, run, seq++);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** The delays of the tasks still pending, in the order they were scheduled. */
    synchronized List<Duration> pendingDelays() {
        return tasks.stream().sorted(Comparator.comparingLong(Task::seq)).map(Task::delay).toList();
    }

    /** The delay of the newest pending task shorter than {@code limit}: a reconnect, not the 23 h replacement. */
    synchronized Optional<Duration> pendingShorterThan(Duration limit) {
        return tasks.stream().filter(t -> t.delay().compareTo(limit) < 0).max(Comparator.comparingLong(Task::seq))
                .map(Task::delay);
    }

    /** Moves the clock forward by {@code duration}, running each task on the way at its due instant. */
    void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due().isAfter(target))
                        .min(Comparator.comparing(Task::due).thenComparingLong(Task::seq)).orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            if (next.due().isAfter(clock.instant())) {
                clock.set(next.due());
            }
            next.run().run();
        }
        clock.set(target);
    }
}
