package io.candlekeep.app.provider.fred;

import io.candlekeep.core.calendar.Frequency;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Optional;

/**
 * FRED's frequency words onto the core's {@link Frequency}: {@code Daily} (and {@code Daily, Close}), {@code Weekly,
 * Ending Friday} (any weekday), {@code Monthly}, {@code Quarterly}, {@code Semiannual}, {@code Annual}. FRED's letter
 * code stands in when the words are missing. Biweekly series, and weekly ones that name no weekday, have no calendar
 * here: empty.
 */
final class FredFrequencies {

    private FredFrequencies() {
    }

    static Optional<Frequency> of(String frequency, String frequencyShort) {
        String words = frequency == null ? "" : frequency.trim().toLowerCase(Locale.ROOT);
        if (words.isEmpty()) {
            return ofShort(frequencyShort == null ? "" : frequencyShort.trim().toUpperCase(Locale.ROOT));
        }
        if (words.startsWith("biweekly")) {
            return Optional.empty();
        }
        if (words.startsWith("daily")) {
            return Optional.of(Frequency.DAILY);
        }
        if (words.startsWith("weekly")) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (words.contains("ending " + day.name().toLowerCase(Locale.ROOT))) {
                    return Optional.of(Frequency.weekly(day));
                }
            }
            return Optional.empty();
        }
        if (words.startsWith("monthly")) {
            return Optional.of(Frequency.MONTHLY);
        }
        if (words.startsWith("quarterly")) {
            return Optional.of(Frequency.QUARTERLY);
        }
        if (words.startsWith("semiannual")) {
            return Optional.of(Frequency.SEMIANNUAL);
        }
        if (words.startsWith("annual")) {
            return Optional.of(Frequency.ANNUAL);
        }
        return Optional.empty();
    }

    private static Optional<Frequency> ofShort(String code) {
        return switch (code) {
            case "D" -> Optional.of(Frequency.DAILY);
            case "M" -> Optional.of(Frequency.MONTHLY);
            case "Q" -> Optional.of(Frequency.QUARTERLY);
            case "SA" -> Optional.of(Frequency.SEMIANNUAL);
            case "A" -> Optional.of(Frequency.ANNUAL);
            default -> Optional.empty();
        };
    }
}
