package io.candlekeep.core.portfolio;

import java.time.LocalDate;

/**
 * The close found for a day: {@code date} is the day the close belongs to, and {@code carried} says it was
 * carried forward from that earlier date because the day asked for had none (a holiday, a weekend).
 */
public record DailyClose(LocalDate date, double close, boolean carried) {
}
