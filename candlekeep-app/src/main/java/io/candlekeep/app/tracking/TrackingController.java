package io.candlekeep.app.tracking;

import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    record TrackedSymbolView(String symbol, String assetClass, String source, int priority, String status,
            String statusReason, Instant trackedSince, List<SeriesCoverage> timeframes) {
    }

    record TrackingList(int count, List<TrackedSymbolView> symbols) {
    }

    @PostMapping(path = "/api/v1/tracking", consumes = MediaType.APPLICATION_JSON_VALUE)
    TrackResponse track(@RequestBody TrackRequest request) {
        TrackingService.Result r = tracking.track(request.symbols(), request.source(), request.timeframes());
        return new TrackResponse(true, r.symbolsTracked(), r.symbolsRequested(), r.timeframes(), r.jobsUpdated(),
                r.source().priority(), r.source().code());
    }

    @GetMapping("/api/v1/tracking")
    TrackingList list() {
        List<TrackedSymbolView> views = tracking.trackedSymbols().stream()
                .map(t -> new TrackedSymbolView(t.symbol().value(), t.assetClass().name(), t.source().code(), t.priority(),
                        t.status().name(), t.statusReason().orElse(null), t.trackedSince(), coverage.trackedCoverage(t)))
                .toList();
        return new TrackingList(views.size(), views);
    }

    @GetMapping("/api/v1/symbols/{symbol}/coverage")
    CoverageService.SymbolCoverage coverage(@PathVariable String symbol) {
        return coverage.getCoverage(Symbol.of(symbol));
    }
}
