package io.candlekeep.core.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The baseline forecasters. */
public final class Forecasters {

    private Forecasters() {
    }

    /** {@code ŷ_{T+h|T} = y_T}, {@code σ̂_h = σ̂ √h}. */
    public static Forecaster naive() {
        return NaiveForecaster.INSTANCE;
    }

    /** {@code ŷ_{T+h|T} = y_T + h (y_T − y_1) / (T − 1)}, {@code σ̂_h = σ̂ √(h (1 + h / (T − 1)))}. */
    public static Forecaster drift() {
        return DriftForecaster.INSTANCE;
    }

    /** {@code ŷ_{T+h|T} = y_{T+h−m(k+1)}}, {@code σ̂_h = σ̂ √(k + 1)}, for a period {@code m >= 2}. */
    public static Forecaster seasonalNaive(int period) {
        return new SeasonalNaiveForecaster(period);
    }

    /** ETS(A,N,N) with {@code α} fitted by least squares, {@code σ_h² = σ̂² (1 + α² (h − 1))}. */
    public static Forecaster simpleExponentialSmoothing() {
        return SimpleExponentialSmoothing.INSTANCE;
    }

    /** Naive, drift, seasonal naive (only with a {@code season} of at least 2) and simple exponential smoothing. */
    public static List<Forecaster> baselines(OptionalInt season) {
        List<Forecaster> all = new ArrayList<>(List.of(naive(), drift()));
        if (season.isPresent() && season.getAsInt() >= 2) {
            all.add(seasonalNaive(season.getAsInt()));
        }
        all.add(simpleExponentialSmoothing());
        return List.copyOf(all);
    }
}
