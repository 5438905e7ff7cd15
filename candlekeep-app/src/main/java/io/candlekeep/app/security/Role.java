package io.candlekeep.app.security;

import java.util.Locale;

/** What a user may do: a USER reads market data and owns its interest and portfolios; an ADMIN also operates. */
public enum Role {
    USER, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
