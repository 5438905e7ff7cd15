package io.candlekeep.core.domain;

import java.util.Locale;

/**
 * Why a user cares about a symbol. The source sets the priority of the symbol's work: a symbol's
 * priority is the highest of its interests (DESIGN §4).
 */
public enum InterestSource {
    PORTFOLIO("portfolio", 400),
    WATCHLIST("watchlist", 300),
    /** An explicit request through the tracking API without a more specific reason. */
    API("api", 250),
    CHART_VIEW("chart_view", 200),
    SEARCH("search", 100),
    BACKGROUND("background", 50);

    private final String code;
    private final int priority;

    InterestSource(String code, int priority) {
        this.code = code;
        this.priority = priority;
    }

    public static InterestSource of(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (InterestSource s : values()) {
                if (s.code.equals(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("Unknown interest source '" + text
                + "': use one of portfolio, watchlist, api, chart_view, search, background");
    }

    public String code() {
        return code;
    }

    public int priority() {
        return priority;
    }
}
