package io.candlekeep.app.provider.binance;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns Binance klines into bars of one timeframe on the crypto calendar (24/7, UTC epoch grid). A kline whose period
 * has not ended is the forming bar and not final. Shared by the REST adapter and the kline stream.
 */
final class BinanceBarMapper {

    private static final MarketCalendar CRYPTO = MarketCalendars.crypto();

    private BinanceBarMapper() {
    }

    /** The {@code interval} value Binance takes for a timeframe; all four are native there. */
    static String interval(Timeframe timeframe) {
        return switch (timeframe) {
            case M15 -> "15m";
            case H1 -> "1h";
            case H4 -> "4h";
            case D1 -> "1d";
        };
    }

    /** The timeframe of a Binance interval, or empty for one Candlekeep does not keep ({@code 1m}, {@code 1M}, ...). */
    static Optional<Timeframe> timeframe(String interval) {
        if (interval == null) {
            return Optional.empty();
        }
        return switch (interval) {
            case "15m" -> Optional.of(Timeframe.M15);
            case "1h" -> Optional.of(Timeframe.H1);
            case "4h" -> Optional.of(Timeframe.H4);
            case "1d" -> Optional.of(Timeframe.D1);
            default -> Optional.empty();
        };
    }

    /** Whether the kline spans exactly one {@code timeframe} period; any other span is another interval's kline. */
    static boolean spans(BinanceKline kline, Timeframe timeframe) {
        return kline.spanMillis() == timeframe.millis();
    }

    /** Whether the period starting at {@code start} (on the grid or not) has ended by {@code now}. */
    static boolean hasEnded(Timeframe timeframe, Instant start, Instant now) {
        return !start.plus(timeframe.duration()).isAfter(now);
    }

    /**
     * The bar of a kline; empty when the kline is off the UTC epoch grid or its prices do not make a bar (low above
     * high, a negative volume).
     */
    static Optional<Bar> toBar(BinanceKline kline, Timeframe timeframe, boolean isFinal) {
        Instant start = kline.openTime();
        if (!CRYPTO.isAligned(timeframe, start)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Bar.of(start, kline.open(), kline.high(), kline.low(), kline.close(), kline.volume(),
                    isFinal));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
