package io.candlekeep.app.portfolio;

import java.time.Instant;

/** A user's portfolio: its base currency values every holding; {@code allowShort} permits sells below zero. */
public record Portfolio(long id, long userId, String name, String baseCurrency, boolean allowShort, Instant createdAt) {
}
