package io.candlekeep.app.provider.simulated;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A symbol's deterministic price path and the 15m bars cut from it. The log price is a symbol-seeded base
 * plus value noise over time scales from 15 minutes to a year, each scale's amplitude growing with the
 * square root of its period like a random walk's. Everything is a pure function of (symbol, instant), so
 * any bar can be computed alone; a {@link Cursor} only caches lattice values while walking forward.
 */
final class PricePath {

    static final long M15_MILLIS = 15 * 60_000L;

    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final long[] PERIODS = {
        15 * MINUTE, 60 * MINUTE, 240 * MINUTE, DAY, 5 * DAY, 30 * DAY, 120 * DAY, 365 * DAY};
    private static final double[] INVERSE_PERIODS = Arrays.stream(PERIODS).mapToDouble(p -> 1.0 / p).toArray();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Rough real levels, so a demo chart of a famous symbol does not look absurd; others get a hashed base. */
    private static final Map<String, Double> WELL_KNOWN = Map.ofEntries(
            Map.entry("AAPL", 230.0), Map.entry("MSFT", 420.0), Map.entry("NVDA", 130.0), Map.entry("GOOGL", 170.0),
            Map.entry("AMZN", 200.0), Map.entry("TSLA", 250.0), Map.entry("SPY", 580.0), Map.entry("QQQ", 500.0),
            Map.entry("^GSPC", 5_800.0), Map.entry("^DJI", 42_000.0), Map.entry("^IXIC", 18_500.0),
            Map.entry("BTC-USD", 90_000.0), Map.entry("ETH-USD", 3_200.0), Map.entry("SOL-USD", 180.0),
            Map.entry("EURUSD=X", 1.08), Map.entry("GBPUSD=X", 1.27), Map.entry("USDJPY=X", 150.0));

    private final long seed;
    private final double logBase;
    private final double[] amplitude;
    /** Wick of a whole 15m bar, relative to the price. */
    private final double wick;
    private final double volumeBase;
    private final double scale;

    private PricePath(long seed, double logBase, double[] amplitude, double wick, double volumeBase, double scale) {
        this.seed = seed;
        this.logBase = logBase;
        this.amplitude = amplitude;
        this.wick = wick;
        this.volumeBase = volumeBase;
        this.scale = scale;
    }

    static PricePath of(Symbol symbol) {
        long seed = mix(fnv1a(symbol.value()));
        AssetClass assetClass = symbol.assetClass();
        double u1 = unit(mix(seed + 1));
        double u2 = unit(mix(seed + 2));
        double u3 = unit(mix(seed + 3));
        double base;
        double dailyVol;
        double volume;
        switch (assetClass) {
            case CRYPTO -> {
                base = logUniform(u1, 0.05, 60_000);
                dailyVol = 0.025 + 0.025 * u2;
                volume = logUniform(u3, 10, 10_000);
            }
            case FX -> {
                base = logUniform(u1, 0.5, 2.0);
                dailyVol = 0.003 + 0.005 * u2;
                volume = logUniform(u3, 1_000, 100_000);
            }
            case INDEX -> {
                base = logUniform(u1, 1_000, 40_000);
                dailyVol = 0.008 + 0.007 * u2;
                volume = logUniform(u3, 100_000, 10_000_000);
            }
            default -> {
                base = logUniform(u1, 5, 500);
                dailyVol = 0.012 + 0.018 * u2;
                volume = logUniform(u3, 2_000, 200_000);
            }
        }
        double[] amplitude = new double[PERIODS.length];
        for (int k = 0; k < PERIODS.length; k++) {
            amplitude[k] = 0.7 * dailyVol * Math.sqrt(PERIODS[k] / (double) DAY);
        }
        base = WELL_KNOWN.getOrDefault(symbol.value(), base);
        // stocks quote in cents; FX and crypto in about five significant digits
        int decimals = switch (assetClass) {
            case FX -> 5 - (int) Math.floor(Math.log10(base));
            case CRYPTO -> Math.max(2, 4 - (int) Math.floor(Math.log10(base)));
            default -> base >= 1 ? 2 : 4 - (int) Math.floor(Math.log10(base));
        };
        double wick = dailyVol * Math.sqrt(M15_MILLIS / (double) DAY);
        return new PricePath(seed, Math.log(base), amplitude, wick, volume, Math.pow(10, decimals));
    }

    /** A forward walker over this path; not thread-safe, so one per generation. */
    Cursor cursor() {
        return new Cursor();
    }

    /**
     * Appends the 15m bars starting at {@code starts} and before {@code nowMillis}: open at the start, close
     * at the end, high and low widened by a hashed wick; a bar ending after now is forming, with its close,
     * wick and volume taken up to now.
     */
    void append15m(long[] starts, long nowMillis, BarSeries.Builder out) {
        Cursor cursor = cursor();
        long previousEnd = Long.MIN_VALUE;
        double previousClose = 0;
        for (long start : starts) {
            if (start >= nowMillis) {
                break;
            }
            double open = start == previousEnd ? previousClose : cursor.price(start);
            long end = start + M15_MILLIS;
            boolean isFinal = end <= nowMillis;
            double close = cursor.price(isFinal ? end : nowMillis);
            double elapsed = isFinal ? 1.0 : (nowMillis - start) / (double) M15_MILLIS;
            long h = mix(seed ^ mix(start));
            double up = wick * elapsed * (0.1 + unit(h));
            double down = wick * elapsed * (0.1 + unit(mix(h + 1)));
            double volume = Math.rint(volumeBase * (0.3 + 1.4 * unit(mix(h + 2))) * elapsed);
            out.add(start, round(open), round(Math.max(open, close) * (1 + up)),
                    round(Math.min(open, close) * (1 - down)), round(close), volume, isFinal);
            previousEnd = end;
            previousClose = close;
        }
    }

    /**
     * The price at {@code millis}, rounded as bars are: the close of the 15m bar ending or forming at that
     * instant, so a quote taken then agrees with the bar.
     */
    double priceAt(long millis) {
        return round(cursor().price(millis));
    }

    /** Rounding is monotone, so the OHLC order survives it. */
    private double round(double price) {
        return Math.rint(price * scale) / scale;
    }

    final class Cursor {
        private final long[] cell = new long[PERIODS.length];
        private final long[] cellStart = new long[PERIODS.length];
        private final double[] left = new double[PERIODS.length];
        private final double[] right = new double[PERIODS.length];

        private Cursor() {
            Arrays.fill(cell, Long.MIN_VALUE);
            Arrays.fill(cellStart, Long.MAX_VALUE);
        }

        double price(long t) {
            double[] amp = amplitude;
            double x = logBase;
            for (int k = 0; k < PERIODS.length; k++) {
                long p = PERIODS[k];
                long offset = t - cellStart[k];
                // walking forward mostly stays in the cell or steps to the next; a long division is the slow path
                if (offset < 0 || offset >= p) {
                    long i = offset >= p && offset < 2 * p ? cell[k] + 1 : Math.floorDiv(t, p);
                    if (i == cell[k] + 1) {
                        left[k] = right[k];
                    } else {
                        left[k] = lattice(k, i);
                    }
                    right[k] = lattice(k, i + 1);
                    cell[k] = i;
                    cellStart[k] = i * p;
                    offset = t - cellStart[k];
                }
                double f = offset * INVERSE_PERIODS[k];
                f = f * f * (3 - 2 * f);
                x += amp[k] * (left[k] + (right[k] - left[k]) * f);
            }
            return Math.exp(x);
        }
    }

    /** A value in [-1, 1) for lattice point {@code i} of scale {@code k}. */
    private double lattice(int k, long i) {
        return 2 * unit(mix(seed + (k + 1) * GOLDEN + mix(i))) - 1;
    }

    private static double logUniform(double u, double low, double high) {
        return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
    }

    /** A value in [0, 1) from the high 53 bits. */
    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
