package io.candlekeep.app.security;

import java.time.Instant;

/** A user as the admin lists them: never with a token, only how many they hold. */
public record UserSummary(long id, String name, Role role, Instant createdAt, int tokens) {
}
