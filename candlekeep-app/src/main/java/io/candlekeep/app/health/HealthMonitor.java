package io.candlekeep.app.health;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.app.provider.CircuitState;
import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.schedule.ScheduleProperties;
import io.candlekeep.app.schedule.ScheduledJob;
import io.candlekeep.app.symbols.SymbolCalendars;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The health schedule and the {@code candlekeep} health indicator it feeds. */
@Component("candlekeep")
public class HealthMonitor implements ScheduledJob, HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "Candlekeep is running but its data is at risk");

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    private static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofHours(3);
    /** The default of {@code candlekeep.schedule.intervals.macro-refresh}, which syncs macro series. */
    private static final Duration DEFAULT_MACRO_REFRESH_INTERVAL = Duration.ofDays(1);

    private final TrackingService tracking;
    private final BackfillService backfill;
    private final BarWriter writer;
    private final ProviderChain providers;
    private final ScheduleProperties schedules;
    private final ApplicationEventPublisher events;
    private final SymbolCalendars calendars;
    private final Clock clock;

    private volatile Instant lastCheck;
    private volatile long barsAtLastCheck;
    private volatile List<String> lastReasons = List.of();

    HealthMonitor(TrackingService tracking, BackfillService backfill, BarWriter writer, ProviderChain providers,
            ScheduleProperties schedules, ApplicationEventPublisher events, SymbolCalendars calendars, Clock clock) {
        this.calendars = calendars;
        this.tracking = tracking;
        this.backfill = backfill;
        this.writer = writer;
        this.providers = providers;
        this.schedules = schedules;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "health";
    }

    @Override
    public String title() {
        return "health check";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public Outcome run() {
        Instant now = clock.instant();
        List<String> reasons = new ArrayList<>(check(now));
        long bars = writer.barsWritten();
        if (lastCheck != null && bars == barsAtLastCheck) {
            openMarket(lastCheck, now).ifPresent(market -> reasons.add("no bars were written between " + lastCheck
                    + " and " + now + " while " + market + " was open"));
        }
        lastCheck = now;
        barsAtLastCheck = bars;
        lastReasons = List.copyOf(reasons);
        if (!reasons.isEmpty()) {
            log.warn("[HEALTH] DEGRADED: {}; a gap fill is queued", String.join("; ", reasons));
            events.publishEvent(new HealthDegraded(reasons));
        }
        return Outcome.of(reasons.isEmpty() ? "UP" : "DEGRADED (" + String.join("; ", reasons) + ")", 0);
    }

    @Override
    public Health health() {
        List<String> reasons = new ArrayList<>(lastReasons);
        for (String open : openCircuits()) {
            if (!reasons.contains(open)) {
                reasons.add(open);
            }
        }
        Health.Builder health = reasons.isEmpty() ? Health.up() : Health.status(DEGRADED).withDetail("reasons", reasons);
        Map<String, String> circuits = new LinkedHashMap<>();
        providers.providers().forEach(p -> circuits.put(p.name(), p.circuitState().name()));
        return health.withDetail("provider_circuits", circuits)
                .withDetail("providers", providerDetails())
                .withDetail("provider_order", orderDetails())
                .withDetail("last_check", lastCheck == null ? "not yet" : lastCheck.toString())
                .build();
    }

    /**
     * Each provider with what it serves and its circuit, as plain maps with their JSON names: the actuator writes
     * health with a JSON mapper of its own, which knows nothing of the application's snake_case.
     */
    private List<Map<String, Object>> providerDetails() {
        List<Map<String, Object>> details = new ArrayList<>();
        for (ProviderChain.ProviderStatus status : providers.statuses()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", status.name());
            detail.put("asset_classes", status.assetClasses().stream().map(Enum::name).toList());
            detail.put("timeframes", status.timeframes());
            detail.put("circuit", status.circuit().name());
            details.add(detail);
        }
        return details;
    }

    /** The providers asked for each asset class, in order. */
    private Map<String, List<String>> orderDetails() {
        Map<String, List<String>> orders = new LinkedHashMap<>();
        providers.orders().forEach((assetClass, names) -> orders.put(assetClass.name(), names));
        return orders;
    }

    /** The checks that need no history: the provider's circuit and lagging series. */
    List<String> check(Instant now) {
        List<String> reasons = new ArrayList<>();
        reasons.addAll(openCircuits());
        Duration maxLag = schedules.intervals().getOrDefault("historical-sync", DEFAULT_SYNC_INTERVAL).multipliedBy(2);
        lagging(backfill.laggingSeries(now.minus(maxLag)).stream().filter(s -> !isMacro(s)).toList(), maxLag)
                .ifPresent(reasons::add);
        // macro series sync once a day (macro-refresh), so they lag only past two of its intervals
        Duration macroMaxLag = schedules.intervals().getOrDefault("macro-refresh", DEFAULT_MACRO_REFRESH_INTERVAL)
                .multipliedBy(2);
        lagging(backfill.laggingSeries(now.minus(macroMaxLag)).stream().filter(HealthMonitor::isMacro).toList(),
                macroMaxLag).ifPresent(reasons::add);
        return reasons;
    }

    private static boolean isMacro(SeriesId series) {
        return series.symbol().assetClass() == AssetClass.MACRO;
    }

    private static Optional<String> lagging(List<SeriesId> series, Duration maxLag) {
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = series.stream().map(SeriesId::toString).toList();
        return Optional.of(names.size() + " series have not synced for more than " + maxLag.toHours() + " h: "
                + String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : ""));
    }

    /**
     * A tracked market that was open for at least a quarter hour of {@code [from, to)}, by name. Macro series are no
     * market: their observations arrive days after their dates, once a day at most.
     */
    private Optional<String> openMarket(Instant from, Instant to) {
        Map<String, MarketCalendar> open = new TreeMap<>();
        for (TrackedSymbol symbol : tracking.trackedSymbols()) {
            if (symbol.status() == TrackedSymbol.Status.ACTIVE && symbol.assetClass() != AssetClass.MACRO) {
                MarketCalendar calendar = calendars.of(symbol.symbol());
                open.putIfAbsent(calendar.name(), calendar);
            }
        }
        return open.values().stream()
                .filter(c -> c.expectedStarts(Timeframe.M15, from, to.minus(Timeframe.M15.duration())).length > 0)
                .map(MarketCalendar::name)
                .findFirst();
    }

    private List<String> openCircuits() {
        return providers.providers().stream().filter(p -> p.circuitState() == CircuitState.OPEN)
                .map(p -> "the circuit of provider '" + p.name() + "' is open").toList();
    }
}
