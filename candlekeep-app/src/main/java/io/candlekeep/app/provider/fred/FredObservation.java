package io.candlekeep.app.provider.fred;

import java.time.LocalDate;

/** One observation FRED has a value for; a missing one ({@code "."}) is never one of these. */
public record FredObservation(LocalDate date, double value) {
}
