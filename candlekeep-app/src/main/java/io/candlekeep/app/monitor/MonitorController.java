package io.candlekeep.app.monitor;

import io.candlekeep.app.security.Caller;
import io.candlekeep.app.tracking.CoverageService;
import io.candlekeep.app.tracking.TrackingList;
import io.candlekeep.app.tracking.TrackingListQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MonitorController {

    private final MonitorService monitor;

    MonitorController(MonitorService monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/api/v1/monitor/jobs")
    MonitorService.JobStats jobs(@RequestParam(defaultValue = "" + MonitorService.DEFAULT_HOURS) int hours) {
        return monitor.jobStats(hours);
    }

    /**
     * Every tracked symbol with its status and coverage, whoever watches it, a page at a time as
     * {@code GET /api/v1/tracking} pages: the dashboard's operations view.
     */
    @GetMapping("/api/v1/monitor/tracking")
    TrackingList tracking(@RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status) {
        return monitor.tracking(TrackingListQuery.parse(limit, cursor, status));
    }

    /** A user's tracked symbols with their status, a page at a time: the user themselves or an admin. */
    @GetMapping("/api/v1/monitor/users/{name}/tracking")
    MonitorService.UserTracking userTracking(Caller caller, @PathVariable String name,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String status) {
        return monitor.userTracking(caller, name, TrackingListQuery.parse(limit, cursor, status));
    }

    @GetMapping("/api/v1/monitor/coverage/{symbol}")
    CoverageService.SymbolCoverage coverage(@PathVariable String symbol) {
        return monitor.coverage(symbol);
    }
}
