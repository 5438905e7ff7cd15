package io.candlekeep.app.backfill;

/** Where the backfill job of one fetched series stands. */
public enum JobStatus {
    /** Slices are waiting or running. */
    QUEUED,
    /** Every slice of the current plan succeeded or the provider had no data for it. */
    COMPLETE,
    /** The plan is finished but at least one slice was given up after its retries. */
    FAILED,
    /** The provider does not know the symbol; it is not retried. */
    NOT_FOUND
}
