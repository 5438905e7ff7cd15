package io.candlekeep.app.tracking;

import io.candlekeep.app.security.Caller;
import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TrackingController {

    private final TrackingService tracking;
    private final CoverageService coverage;

    TrackingController(TrackingService tracking, CoverageService coverage) {
        this.tracking = tracking;
        this.coverage = coverage;
    }

    record TrackRequest(List<String> symbols, String source, List<String> timeframes) {
    }

    /**
     * @param jobsUpdated the tracked series whose jobs are being created or updated
     * @param planning    {@value #PLANNING_QUEUED}: the jobs are planned on the job engine right after this answer
     */
    record TrackResponse(boolean success, int symbolsTracked, int symbolsRequested, int timeframes, int jobsUpdated,
            int priority, String source, String planning) {
    }

    static final String PLANNING_QUEUED = "queued";

    record UntrackResponse(boolean success, String symbol, int interestsRemoved, int trackingUsers, Instant syncsUntil) {
    }

    @PostMapping(path = "/api/v1/tracking", consumes = MediaType.APPLICATION_JSON_VALUE)
    TrackResponse track(Caller caller, @RequestBody TrackRequest request) {
        TrackingService.Result r = tracking.track(caller, request.symbols(), request.source(), request.timeframes());
        return new TrackResponse(true, r.symbolsTracked(), r.symbolsRequested(), r.timeframes(), r.jobsUpdated(),
                r.source().priority(), r.source().code(), PLANNING_QUEUED);
    }

    /**
     * The caller's tracked symbols, a page at a time in symbol order: {@code limit} (1 to 500, default 100),
     * {@code cursor} (the {@code next_cursor} of the previous page) and {@code status} (ACTIVE, NOT_FOUND, DORMANT).
     */
    @GetMapping("/api/v1/tracking")
    TrackingList list(Caller caller, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status) {
        return TrackingList.of(tracking.statusOf(caller, TrackingListQuery.parse(limit, cursor, status)));
    }

    /** Removes the caller's interest in a symbol: from one {@code source}, or from all when it is left out. */
    @DeleteMapping("/api/v1/tracking/{symbol}")
    UntrackResponse untrack(Caller caller, @PathVariable String symbol, @RequestParam(required = false) String source) {
        TrackingService.Removal r = tracking.untrack(caller, symbol, source);
        return new UntrackResponse(true, r.symbol().value(), r.interestsRemoved(), r.trackingUsers(),
                r.syncsUntil().orElse(null));
    }

    /** With {@code gaps=true} each series also lists its gaps, as monitoring does: the dashboard's chart breaks. */
    @GetMapping("/api/v1/symbols/{symbol}/coverage")
    CoverageService.SymbolCoverage coverage(@PathVariable String symbol,
            @RequestParam(defaultValue = "false") boolean gaps) {
        Symbol s = Symbol.of(symbol);
        return gaps ? coverage.getCoverageWithGaps(s) : coverage.getCoverage(s);
    }
}
