package io.candlekeep.app.backfill;

/** The result of one attempt at one slice, as kept in {@code backfill_run}. */
public enum RunStatus {
    RUNNING, SUCCEEDED, NO_DATA, NOT_FOUND, RATE_LIMITED, FAILED, GAVE_UP, INTERRUPTED;
}
