package io.candlekeep.app.ops;

import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.schedule.ScheduleService;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OpsController {

    private final OpsService ops;
    private final ScheduleService schedules;
    private final ProviderChain providers;

    OpsController(OpsService ops, ScheduleService schedules, ProviderChain providers) {
        this.ops = ops;
        this.schedules = schedules;
        this.providers = providers;
    }

    record BackfillRequest(String symbol, String market) {
    }

    @GetMapping("/cache/status")
    Map<String, Object> status() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", ops.figures());
        result.put("schedules", schedules.statuses());
        result.put("providers", providers.statuses());
        result.put("provider_order", providers.orders());
        return result;
    }

    @GetMapping("/cache/scheduler/status")
    List<ScheduleService.Status> schedulerStatus() {
        return schedules.statuses();
    }

    @GetMapping("/cache/historical/{symbol}")
    Map<String, Object> historical(@PathVariable String symbol) {
        return ops.historical(Symbol.of(symbol));
    }

    @PostMapping("/cache/refresh-live")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> refreshLive() {
        return ops.runNow("live-refresh");
    }

    @PostMapping("/cache/sync-historical")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> syncHistorical() {
        return ops.runNow("historical-sync");
    }

    @PostMapping("/cache/backfill-symbol")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> backfillSymbol(Caller caller, @RequestBody BackfillRequest request) {
        if (request.symbol() == null) {
            throw new BadRequestException("Field 'symbol' is required, e.g. {\"symbol\":\"AAPL\",\"market\":\"US\"}");
        }
        return ops.backfillSymbol(caller, request.symbol(), request.market());
    }
}
