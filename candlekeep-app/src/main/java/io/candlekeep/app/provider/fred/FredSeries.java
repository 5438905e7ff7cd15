package io.candlekeep.app.provider.fred;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What FRED's {@code fred/series} says of one series.
 *
 * @param frequency      FRED's words, such as {@code Monthly} or {@code Weekly, Ending Friday}
 * @param frequencyShort FRED's letter code: {@code D}, {@code W}, {@code BW}, {@code M}, {@code Q}, {@code SA}, {@code A}
 * @param lastUpdated    when FRED last changed the series (its own {@code 2025-01-15 07:39:58-06}), when readable
 * @param observationEnd the newest observation's date, when given
 */
public record FredSeries(String id, String title, String frequency, String frequencyShort, String units,
        Optional<Instant> lastUpdated, Optional<LocalDate> observationEnd) {

    public FredSeries {
        Objects.requireNonNull(id, "id");
        title = Objects.requireNonNullElse(title, "");
        frequency = Objects.requireNonNullElse(frequency, "");
        frequencyShort = Objects.requireNonNullElse(frequencyShort, "");
        units = Objects.requireNonNullElse(units, "");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(observationEnd, "observationEnd");
    }
}
