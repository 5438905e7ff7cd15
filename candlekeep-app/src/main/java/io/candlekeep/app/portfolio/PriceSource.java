package io.candlekeep.app.portfolio;

import java.util.Locale;

/** Where a price in a portfolio answer came from. */
public enum PriceSource {
    /** A fresh quote in the live cache. */
    CACHE,
    /** Asked from the provider during this request, since nothing fresh was cached. */
    PROVIDER,
    /** The provider did not answer in time (or failed): the newest stored close, with its age. */
    STALE,
    /** Nothing known yet; the holding is left out of the totals. */
    MISSING;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
