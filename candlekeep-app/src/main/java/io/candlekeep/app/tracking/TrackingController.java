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

    record TrackResponse(boolean success, int symbolsTracked, int symbolsRequested, int timeframes, int jobsUpdated,
            int priority, String source) {
    }

    record UntrackResponse(boolean success, String symbol, int interestsRemoved, int trackingUsers, Instant syncsUntil) {
    }

    record TrackingList(int count, List<TrackedSymbolStatus> symbols) {
    }

    @PostMapping(path = "/api/v1/tracking", consumes = MediaType.APPLICATION_JSON_VALUE)
    TrackResponse track(Caller caller, @RequestBody TrackRequest request) {
        TrackingService.Result r = tracking.track(caller, request.symbols(), request.source(), request.timeframes());
        return new TrackResponse(true, r.symbolsTracked(), r.symbolsRequested(), r.timeframes(), r.jobsUpdated(),
                r.source().priority(), r.source().code());
    }

    @GetMapping("/api/v1/tracking")
    TrackingList list(Caller caller) {
        List<TrackedSymbolStatus> views = tracking.statusOf(caller);
        return new TrackingList(views.size(), views);
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
