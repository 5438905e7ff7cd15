package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.gaps.HoleBackoff;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param windows how much history each timeframe keeps filled, keyed by timeframe code
 * @param maxAttempts attempts at one slice before it is given up
 * @param retryInitialBackoff the first retry delay; it doubles per attempt, with full jitter
 * @param retryMaxBackoff the ceiling of the retry delay
 * @param holeInitialBackoff when to ask again for a range the provider answered empty; doubles per empty answer
 * @param holeMaxBackoff the ceiling of that wait
 * @param macroWindow how much history a macro series (FRED:, 1d only) keeps filled, instead of the 1d window: a
 *                    monthly series holds 12 points a year, and FRED sends any span in one request
 */
@ConfigurationProperties(prefix = "candlekeep.backfill")
public record BackfillProperties(Map<String, Duration> windows, Integer maxAttempts, Duration retryInitialBackoff,
        Duration retryMaxBackoff, Duration holeInitialBackoff, Duration holeMaxBackoff, Duration macroWindow) {

    /** Ten years: 120 monthly points, 40 quarterly ones. */
    public static final Duration DEFAULT_MACRO_WINDOW = Duration.ofDays(3650);
    private static final long MAX_WINDOW_DAYS = 365 * 50;

    private static final Map<Timeframe, Duration> DEFAULT_WINDOWS = Map.of(
            Timeframe.M15, Duration.ofDays(30),
            Timeframe.H1, Duration.ofDays(90),
            Timeframe.H4, Duration.ofDays(365),
            Timeframe.D1, Duration.ofDays(365));

    @ConstructorBinding
    public BackfillProperties {
        windows = windows == null ? Map.of() : Map.copyOf(windows);
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        retryInitialBackoff = retryInitialBackoff == null ? Duration.ofSeconds(5) : retryInitialBackoff;
        retryMaxBackoff = retryMaxBackoff == null ? Duration.ofMinutes(10) : retryMaxBackoff;
        HoleBackoff holeDefaults = HoleBackoff.defaults();
        holeInitialBackoff = holeInitialBackoff == null ? holeDefaults.initial() : holeInitialBackoff;
        holeMaxBackoff = holeMaxBackoff == null ? holeDefaults.max() : holeMaxBackoff;
        macroWindow = macroWindow == null ? DEFAULT_MACRO_WINDOW : macroWindow;
        new HoleBackoff(holeInitialBackoff, holeMaxBackoff);
        for (Map.Entry<String, Duration> e : windows.entrySet()) {
            Timeframe.of(e.getKey());
            if (e.getValue().isNegative() || e.getValue().isZero() || e.getValue().toDays() > MAX_WINDOW_DAYS) {
                throw new IllegalArgumentException("candlekeep.backfill.windows." + e.getKey() + " must be in (0, 50 years] but was "
                        + e.getValue());
            }
        }
        if (macroWindow.isNegative() || macroWindow.isZero() || macroWindow.toDays() > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("candlekeep.backfill.macro-window must be in (0, 50 years] but was "
                    + macroWindow);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("candlekeep.backfill.max-attempts must be >= 1 but was " + maxAttempts);
        }
    }

    /** Settings with the default macro window. */
    public BackfillProperties(Map<String, Duration> windows, Integer maxAttempts, Duration retryInitialBackoff,
            Duration retryMaxBackoff, Duration holeInitialBackoff, Duration holeMaxBackoff) {
        this(windows, maxAttempts, retryInitialBackoff, retryMaxBackoff, holeInitialBackoff, holeMaxBackoff, null);
    }

    public static BackfillProperties defaults() {
        return new BackfillProperties(null, null, null, null, null, null, null);
    }

    public HoleBackoff holeBackoff() {
        return new HoleBackoff(holeInitialBackoff, holeMaxBackoff);
    }

    /** The window of {@code timeframe}: configured, else the DESIGN §3 default. */
    public Duration window(Timeframe timeframe) {
        Map<Timeframe, Duration> resolved = new EnumMap<>(DEFAULT_WINDOWS);
        windows.forEach((k, v) -> resolved.put(Timeframe.of(k), v));
        return resolved.get(timeframe);
    }
}
