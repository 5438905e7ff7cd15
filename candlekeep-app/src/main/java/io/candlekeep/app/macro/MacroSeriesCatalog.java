package io.candlekeep.app.macro;

import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What is known of each macro series, kept in {@code macro_series} and, for the frequency that calendars are asked for
 * on every coverage and gap check, in memory: a known frequency is read once (it does not change); a series not yet
 * described (or without a frequency Candlekeep keeps a calendar for) is looked up again at most every
 * {@link #RECHECK_UNKNOWN}, so what another instance learned reaches this one.
 */
@Component
public class MacroSeriesCatalog {

    static final Duration RECHECK_UNKNOWN = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(MacroSeriesCatalog.class);

    private final MacroSeriesRepository repository;
    private final Clock clock;
    private final ConcurrentHashMap<Symbol, Known> frequencies = new ConcurrentHashMap<>();

    private record Known(Optional<Frequency> frequency, Instant readAt) {
    }

    MacroSeriesCatalog(MacroSeriesRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @EventListener
    void on(MacroSeriesLearned event) {
        record(event.series());
    }

    /** Stores what a provider said of a series, replacing what was known. */
    public void record(MacroSeries series) {
        Instant now = clock.instant();
        repository.upsert(series, now);
        Known before = frequencies.put(series.symbol(), new Known(series.frequency(), now));
        if (before == null || !before.frequency().equals(series.frequency())) {
            log.info("[MACRO] {} is {}: '{}' ({})", series.symbol(),
                    series.frequency().map(Frequency::code).orElse("of a frequency without a calendar here (weekdays apply)"),
                    series.title(), series.units());
        }
    }

    /** The native frequency of a macro series, once a provider has described it. */
    public Optional<Frequency> findFrequency(Symbol symbol) {
        if (symbol.assetClass() != AssetClass.MACRO) {
            return Optional.empty();
        }
        Known known = frequencies.get(symbol);
        Instant now = clock.instant();
        if (known != null && (known.frequency().isPresent() || known.readAt().plus(RECHECK_UNKNOWN).isAfter(now))) {
            return known.frequency();
        }
        Optional<Frequency> read = repository.find(symbol).flatMap(MacroSeries::frequency);
        frequencies.put(symbol, new Known(read, now));
        return read;
    }

    /** Everything stored of a macro series. */
    public Optional<MacroSeries> find(Symbol symbol) {
        return symbol.assetClass() == AssetClass.MACRO ? repository.find(symbol) : Optional.empty();
    }
}
