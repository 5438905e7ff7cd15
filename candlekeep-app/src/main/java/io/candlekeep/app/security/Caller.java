package io.candlekeep.app.security;

import java.util.Objects;

/** The authenticated user behind a request. Controllers take it as a parameter; services receive it explicitly. */
public record Caller(long userId, String name, Role role) {

    public Caller {
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be positive, was " + userId);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this caller may see or change what belongs to {@code userName}: the user themselves, or an admin. */
    public boolean mayActFor(String userName) {
        return isAdmin() || name.equals(userName);
    }
}
