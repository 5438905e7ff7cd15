package io.candlekeep.app.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a tracking list as the API answers it: {@code count} symbols on this page, {@code total} over all the
 * pages of the same query, and the cursor of the next page (null on the last).
 */
public record TrackingList(int count, int total, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
        List<TrackedSymbolStatus> symbols) {

    public static TrackingList of(TrackingService.TrackedPage page) {
        return new TrackingList(page.symbols().size(), page.total(),
                page.next().map(TrackingListQuery::cursorAfter).orElse(null), page.symbols());
    }
}
