package io.candlekeep.core.forecast;

import java.util.Locale;

/** The baseline forecasters, by the code the store and the API use. */
public enum ForecastModel {
    /** The last value for every step: the random walk forecast (FPP3 §5.2). */
    NAIVE("naive"),
    /** The last value plus the average change of the history per step (FPP3 §5.2). */
    DRIFT("drift"),
    /** The value of the same slot one season earlier (FPP3 §5.2); intraday bars only. */
    SEASONAL_NAIVE("seasonal_naive"),
    /** Simple exponential smoothing, ETS(A,N,N), with its smoothing parameter fitted (FPP3 §8.1). */
    SES("ses");

    private final String code;

    ForecastModel(String code) {
        this.code = code;
    }

    /** Parses a code such as {@code seasonal_naive}, case-insensitively. */
    public static ForecastModel of(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (ForecastModel m : values()) {
                if (m.code.equals(t)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("Unknown forecast model '" + text + "': use one of naive, drift, seasonal_naive, ses");
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
