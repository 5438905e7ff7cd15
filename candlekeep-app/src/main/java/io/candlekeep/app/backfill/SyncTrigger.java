package io.candlekeep.app.backfill;

import java.time.Duration;

/** Why a series is being planned; it decides when an existing job is left alone. */
public sealed interface SyncTrigger {

    /** A user's interest: plan unless a plan is running or the series was synced moments ago. */
    record Interest() implements SyncTrigger {
    }

    /** Self-healing: plan only when the last successful sync is missing or older than {@code maxAge}. */
    record Stale(Duration maxAge) implements SyncTrigger {
    }

    /** Gap fill: plan whatever the calendar expects and the series lacks. */
    record GapFill() implements SyncTrigger {
    }

    /** The stored history is stale as a whole (a split or dividend): fetch the whole window again. */
    record Refetch() implements SyncTrigger {
    }

    SyncTrigger INTEREST = new Interest();
    SyncTrigger GAP_FILL = new GapFill();
    SyncTrigger REFETCH = new Refetch();
}
