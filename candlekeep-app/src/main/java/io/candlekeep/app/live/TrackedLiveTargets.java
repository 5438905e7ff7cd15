package io.candlekeep.app.live;

import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@link LiveTargets} from the tracking feature: ACTIVE symbols only, since NOT_FOUND ones are no longer fetched. */
@Component
class TrackedLiveTargets implements LiveTargets {

    private final TrackingService tracking;

    TrackedLiveTargets(TrackingService tracking) {
        this.tracking = tracking;
    }

    @Override
    public Map<Symbol, Set<Timeframe>> activeTimeframes() {
        Map<Symbol, Set<Timeframe>> out = new LinkedHashMap<>();
        for (TrackedSymbol t : tracking.trackedSymbols()) {
            if (t.status() == TrackedSymbol.Status.ACTIVE && !t.timeframes().isEmpty()) {
                out.put(t.symbol(), t.timeframes());
            }
        }
        return out;
    }
}
