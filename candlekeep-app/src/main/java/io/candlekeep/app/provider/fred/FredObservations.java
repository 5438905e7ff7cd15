package io.candlekeep.app.provider.fred;

import java.util.List;

/**
 * The observations of one {@code fred/series/observations} answer that carry a value, in FRED's order (by date).
 *
 * @param missing how many observations the answer listed as missing ({@code "."}), left out of {@code observations}
 * @param count   how many observations FRED says the request matched, over all pages
 * @param offset  where this page starts among them
 */
public record FredObservations(List<FredObservation> observations, int missing, int count, int offset) {

    public FredObservations {
        observations = List.copyOf(observations);
    }

    /** Whether this page holds every observation the request matched (FRED sends at most 100,000 a page). */
    public boolean isComplete() {
        return offset + observations.size() + missing >= count;
    }
}
