package io.candlekeep.core.provider;

/**
 * Told what a provider reported about a listing in passing, while answering for something else: the name and
 * exchange inside a quote, the currency and time zone inside a chart. Called on the provider's thread; it must be
 * quick when nothing is new and must not throw.
 */
@FunctionalInterface
public interface ListingListener {

    void learned(Listing listing);

    /** A listener that keeps nothing. */
    static ListingListener ignoring() {
        return listing -> {
        };
    }
}
