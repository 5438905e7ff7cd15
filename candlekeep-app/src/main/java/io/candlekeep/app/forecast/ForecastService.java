package io.candlekeep.app.forecast;

import io.candlekeep.app.forecast.ForecastRepository.Check;
import io.candlekeep.app.forecast.ForecastRepository.Last;
import io.candlekeep.app.forecast.ForecastRepository.OpenPoint;
import io.candlekeep.app.forecast.ForecastRepository.OpenRange;
import io.candlekeep.app.forecast.ForecastRepository.Status;
import io.candlekeep.app.forecast.ForecastRepository.Stored;
import io.candlekeep.app.forecast.ForecastRepository.StoredPoint;
import io.candlekeep.app.symbols.SymbolCalendars;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.forecast.Accuracy;
import io.candlekeep.core.forecast.Evaluation;
import io.candlekeep.core.forecast.ForecastModel;
import io.candlekeep.core.forecast.SeriesForecast;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes, checks and serves forecasts. Forecasts are made from the stored bars through the bar store (the hot cache),
 * never from a provider; a forecast step is checked only against a final bar.
 */
@Service
public class ForecastService {

    private static final Logger log = LoggerFactory.getLogger(ForecastService.class);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final ForecastRepository repository;
    private final BarStore store;
    private final TrackingService tracking;
    private final ForecastProperties properties;
    private final TransactionTemplate tx;
    private final TransactionTemplate readTx;
    private final Clock clock;
    private final SymbolCalendars calendars;

    ForecastService(ForecastRepository repository, BarStore store, TrackingService tracking,
            ForecastProperties properties, PlatformTransactionManager transactions, Clock clock,
            SymbolCalendars calendars) {
        this.calendars = calendars;
        this.repository = repository;
        this.store = store;
        this.tracking = tracking;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.clock = clock;
    }

    /** What {@link #check} did: steps checked against final bars, and steps given up as missed. */
    public record Checked(int checked, int missed, int errors) {
    }

    /**
     * What {@link #forecastDue} did: series forecast, series looked at without enough final bars, due series left
     * for the next run by the budget, errors.
     */
    public record Made(int series, int tooShort, int deferred, int errors) {
    }

    /**
     * Checks every open step whose bar has started against the stored bar: a final bar closes it with its errors, a
     * forming bar or none leaves it open; steps whose bars have not come final {@code missed-after} after they
     * started are given up.
     */
    public Checked check() {
        Instant now = clock.instant();
        int checked = 0;
        int errors = 0;
        for (OpenRange range : repository.openRanges(now)) {
            try {
                checked += check(range, now);
            } catch (RuntimeException e) {
                errors++;
                log.warn("[FORECAST] checking the forecasts of {} failed: {}", range.series(), e.toString());
            }
        }
        int missed = repository.markMissed(now.minus(properties.missedAfter()), now);
        return new Checked(checked, missed, errors);
    }

    private int check(OpenRange range, Instant now) {
        BarSeries bars = store.read(range.series(), range.firstTarget(), range.lastTarget().plusMillis(1), Integer.MAX_VALUE);
        if (bars.isEmpty()) {
            return 0;
        }
        List<Check> checks = new ArrayList<>();
        for (OpenPoint p : repository.openPoints(range.series(), range.firstTarget().toEpochMilli(),
                range.lastTarget().toEpochMilli())) {
            int i = bars.indexAtOrAfter(p.targetMs());
            // never against a forming bar: its close is not the bar's close yet
            if (i < bars.size() && bars.startMillis(i) == p.targetMs() && bars.isFinal(i)) {
                checks.add(new Check(p.forecastId(), p.step(), Evaluation.of(p.point(), p.interval80(), p.interval95(),
                        p.lastClose(), p.maseScale(), bars.close(i))));
            }
        }
        Integer saved = tx.execute(s -> repository.saveChecks(checks, now));
        if (!checks.isEmpty()) {
            log.debug("[FORECAST] {}: {} forecast steps checked", range.series(), saved);
        }
        return saved == null ? 0 : saved;
    }

    /**
     * Forecasts the ACTIVE tracked series that are due, at most {@code max-series-per-run}, in
     * {@link ForecastQueue} order: a series is due when it holds at least {@code every(source)} final bars newer than
     * the one its last forecast was based on (any final bar when it was never forecast). Symbols that nobody tracks,
     * that are DORMANT or unknown to the provider are not forecast.
     */
    public Made forecastDue() {
        Instant now = clock.instant();
        Map<SeriesId, Last> last = repository.lastForecasts();
        List<ForecastQueue.Candidate> candidates = new ArrayList<>();
        for (TrackedSymbol symbol : tracking.trackedSymbols()) {
            if (symbol.status() != TrackedSymbol.Status.ACTIVE) {
                continue;
            }
            for (Timeframe timeframe : symbol.timeframes()) {
                SeriesId series = SeriesId.of(symbol.symbol(), timeframe);
                candidates.add(new ForecastQueue.Candidate(series, symbol.source(), symbol.priority(),
                        Optional.ofNullable(last.get(series)).map(Last::madeAt)));
            }
        }
        int made = 0;
        int tooShort = 0;
        int deferred = 0;
        int errors = 0;
        for (ForecastQueue.Candidate c : ForecastQueue.inOrder(candidates)) {
            try {
                Optional<Instant> basedOn = Optional.ofNullable(last.get(c.series())).map(Last::basedOn);
                if (!isDue(c.series(), basedOn, properties.every(c.source()))) {
                    continue;
                }
                if (made >= properties.maxSeriesPerRun()) {
                    deferred++;
                    continue;
                }
                if (forecast(c.series(), now)) {
                    made++;
                } else {
                    tooShort++;
                }
            } catch (RuntimeException e) {
                errors++;
                log.warn("[FORECAST] forecasting {} failed: {}", c.series(), e.toString());
            }
        }
        return new Made(made, tooShort, deferred, errors);
    }

    /** Whether {@code series} holds at least {@code every} final bars newer than {@code basedOn} (any, if empty). */
    private boolean isDue(SeriesId series, Optional<Instant> basedOn, int every) {
        Instant from = basedOn.map(t -> t.plusMillis(1)).orElse(Instant.EPOCH);
        int needed = basedOn.isPresent() ? every : 1;
        // the newest bars after it; one or two of them may still be forming
        BarSeries newest = store.read(series, from, LATEST, needed + 2);
        int finals = 0;
        for (int i = 0; i < newest.size(); i++) {
            if (newest.isFinal(i)) {
                finals++;
            }
        }
        return finals >= needed;
    }

    /** Forecasts {@code series} from its newest final bars; false when it has too few. */
    boolean forecast(SeriesId series, Instant now) {
        // the newest fit-window final bars and the one forming after them, if any
        BarSeries bars = store.read(series, Instant.EPOCH, LATEST, properties.fitWindow() + 1);
        if (bars.size() > properties.fitWindow() && bars.isFinal(bars.size() - 1)) {
            bars = bars.range(bars.startMillis(1), Long.MAX_VALUE, Integer.MAX_VALUE);
        }
        Optional<SeriesForecast> made = SeriesForecast.of(bars, series.timeframe(),
                calendars.of(series.symbol()), properties.horizon(series.timeframe()),
                properties.minHistory());
        if (made.isEmpty()) {
            return false;
        }
        tx.executeWithoutResult(s -> repository.insert(series, made.get(), now));
        log.debug("[FORECAST] {}: {} models from {} final bars up to {}", series, made.get().forecasts().size(),
                made.get().observations(), made.get().basedOn());
        return true;
    }

    /** Per series with forecast steps still open, the oldest bar one of them targets: retention keeps it and after. */
    public Map<SeriesId, Instant> oldestOpenTargets() {
        return repository.oldestOpenTargets();
    }

    /** Removes the forecasts made longer than {@code keep} before now; answers how many. */
    public int trim() {
        Instant cutoff = clock.instant().minus(properties.keep());
        Integer removed = tx.execute(s -> repository.deleteMadeBefore(cutoff));
        return removed == null ? 0 : removed;
    }

    // ---- the API ----------------------------------------------------------------------------------------------

    /** The newest forecast of each model of one series. */
    public record SeriesForecasts(String symbol, String timeframe, List<ModelForecast> models) {
    }

    /**
     * @param basedOn the start of the final bar the forecast starts from
     * @param sigma the residual standard deviation the intervals grow from
     * @param maseScale the in-sample MAE of the one-step naive forecast on the bars it was fitted on: its steps'
     *     errors are divided by it for the MASE
     */
    public record ModelForecast(String model, Instant madeAt, Instant basedOn, double lastClose, int observations,
            double sigma, double maseScale, Map<String, Double> parameters, List<Point> points) {
    }

    /** One step: the bar it targets, the point, the intervals by level, and once checked the actual close. */
    public record Point(int step, Instant start, double point, Map<String, Band> intervals, String status,
            Double actual) {
    }

    public record Band(double lower, double upper) {
    }

    /** Each model's accuracy over its checked steps, and per step. */
    public record SeriesAccuracy(String symbol, String timeframe, List<ModelAccuracy> models) {
    }

    /**
     * @param count checked steps
     * @param mase their mean absolute scaled error (each error over its forecast's in-sample naive one-step MAE)
     * @param coverage the share of actuals inside each interval, by level
     * @param directionalAccuracy the share of directional steps whose direction was right
     * @param open steps waiting for their bars
     * @param missed steps whose bars never came final in time
     */
    public record ModelAccuracy(String model, long count, Double mae, Double mase, Map<String, Double> coverage,
            Double directionalAccuracy, long directionalCount, long open, long missed, List<StepAccuracy> steps) {
    }

    public record StepAccuracy(int step, long count, Double mae, Double mase, Map<String, Double> coverage,
            Double directionalAccuracy, long directionalCount) {
    }

    /** The newest forecast of each model; 404 when the series has none (saying why) or the symbol is unknown. */
    public SeriesForecasts latest(String symbolText, String timeframeText) {
        SeriesId series = parse(symbolText, timeframeText);
        return readTx.execute(s -> {
            List<Stored> stored = repository.latestPerModel(series);
            if (stored.isEmpty()) {
                throw nothingYet(series, "No forecast of");
            }
            Map<Long, List<StoredPoint>> points = repository.points(stored.stream().map(Stored::id).toList());
            List<ModelForecast> models = new ArrayList<>();
            for (Stored f : stored) {
                List<Point> steps = points.getOrDefault(f.id(), List.of()).stream()
                        .map(p -> new Point(p.step(), p.target(), p.point(), intervals(p), lower(p.status()), p.actual()))
                        .toList();
                models.add(new ModelForecast(f.model().code(), f.madeAt(), f.basedOn(), f.lastClose(), f.observations(),
                        f.sigma(), f.maseScale(), f.parameters(), steps));
            }
            return new SeriesForecasts(series.symbol().value(), series.timeframe().code(), models);
        });
    }

    /** Each model's accuracy so far; 404 when no step of the series has been checked yet, saying why. */
    public SeriesAccuracy accuracy(String symbolText, String timeframeText) {
        SeriesId series = parse(symbolText, timeframeText);
        return readTx.execute(s -> {
            Map<ForecastModel, Map<Integer, Accuracy>> sums = repository.checkedSums(series);
            Map<ForecastModel, Map<Status, Long>> states = repository.statusCounts(series);
            if (sums.isEmpty()) {
                if (states.isEmpty()) {
                    throw nothingYet(series, "No forecast of");
                }
                long open = states.values().stream().mapToLong(m -> m.getOrDefault(Status.OPEN, 0L)).sum();
                throw new NotFoundException("No forecast of '" + series.symbol() + "' " + series.timeframe()
                        + " has been checked yet: " + open + " forecast steps wait for their bars to be final");
            }
            List<ModelAccuracy> models = new ArrayList<>();
            for (Map.Entry<ForecastModel, Map<Integer, Accuracy>> e : sums.entrySet()) {
                Accuracy total = Accuracy.empty();
                List<StepAccuracy> steps = new ArrayList<>();
                for (Map.Entry<Integer, Accuracy> step : e.getValue().entrySet()) {
                    Accuracy a = step.getValue();
                    total = total.plus(a);
                    steps.add(new StepAccuracy(step.getKey(), a.count(), value(a.meanAbsoluteError()), value(a.mase()),
                            coverage(a), value(a.directionalAccuracy()), a.directionalCount()));
                }
                Map<Status, Long> state = states.getOrDefault(e.getKey(), Map.of());
                models.add(new ModelAccuracy(e.getKey().code(), total.count(), value(total.meanAbsoluteError()),
                        value(total.mase()), coverage(total), value(total.directionalAccuracy()),
                        total.directionalCount(), state.getOrDefault(Status.OPEN, 0L),
                        state.getOrDefault(Status.MISSED, 0L), steps));
            }
            return new SeriesAccuracy(series.symbol().value(), series.timeframe().code(), models);
        });
    }

    private static SeriesId parse(String symbolText, String timeframeText) {
        return SeriesId.of(Symbol.of(symbolText), timeframeText == null ? Timeframe.D1 : Timeframe.of(timeframeText));
    }

    /** Why {@code series} has no forecast, as a 404. */
    private NotFoundException nothingYet(SeriesId series, String lead) {
        Symbol symbol = series.symbol();
        Optional<TrackedSymbol> tracked = tracking.findTracked(symbol);
        if (tracked.isEmpty() && !tracking.isKnown(symbol) && store.stats(series).isEmpty()) {
            return new NotFoundException("Symbol '" + symbol + "' is not tracked and has no stored " + series.timeframe()
                    + " bars; POST /api/v1/tracking with {\"symbols\":[\"" + symbol + "\"]} to track it");
        }
        String why;
        if (tracked.isEmpty() || tracked.get().status() != TrackedSymbol.Status.ACTIVE) {
            why = "it is not tracked" + tracked.map(t -> " (" + t.status() + ")").orElse("")
                    + ", and only tracked symbols are forecast";
        } else if (!tracked.get().timeframes().contains(series.timeframe())) {
            why = series.timeframe() + " is not among its tracked timeframes " + tracked.get().timeframes();
        } else {
            why = "the forecast schedule forecasts it once it holds at least " + properties.minHistory() + " final "
                    + series.timeframe() + " bars";
        }
        return new NotFoundException(lead + " '" + symbol + "' " + series.timeframe() + " yet: " + why);
    }

    private static Map<String, Band> intervals(StoredPoint p) {
        Map<String, Band> m = new LinkedHashMap<>();
        m.put("80", new Band(p.lower80(), p.upper80()));
        m.put("95", new Band(p.lower95(), p.upper95()));
        return m;
    }

    private static Map<String, Double> coverage(Accuracy a) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("80", value(a.coverage80()));
        m.put("95", value(a.coverage95()));
        return m;
    }

    private static Double value(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private static String lower(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
