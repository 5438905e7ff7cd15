package io.candlekeep.app.security;

import org.springframework.stereotype.Component;

/** Who may call a path: the one table of access rules (DESIGN §9). Ownership is checked by the feature itself. */
@Component
class AccessPolicy {

    /** What a request must bring. */
    enum Access {
        /** Anyone: health, the API document, the dashboard's page (which asks for a token itself). */
        PUBLIC,
        /** Market data: any valid token, or anyone when {@code candlekeep.security.public-market-data} is set. */
        MARKET_DATA,
        /** Any valid token; the feature serves the caller's own data only. */
        USER,
        /** An admin's token: operations, monitoring, user management. */
        ADMIN
    }

    private final boolean publicMarketData;

    AccessPolicy(SecurityProperties properties) {
        this.publicMarketData = properties.publicMarketData();
    }

    Access required(String method, String path) {
        if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/") || path.startsWith("/swagger-ui")
                || path.equals("/") || path.equals("/index.html") || path.equals("/favicon.ico")
                || path.startsWith("/assets/") || path.equals("/error")) {
            return Access.PUBLIC;
        }
        if (method.equals("GET") && (path.startsWith("/api/v1/bars/") || path.equals("/api/v1/quotes")
                || path.startsWith("/api/v1/symbols"))) {
            return publicMarketData ? Access.PUBLIC : Access.MARKET_DATA;
        }
        if (path.startsWith("/cache/") || path.startsWith("/actuator/") || path.equals("/api/v1/users")) {
            return Access.ADMIN;
        }
        if (path.startsWith("/api/v1/monitor/")) {
            // a user may watch their own tracked symbols; the monitor feature checks the name
            return isUserTrackingPath(path) ? Access.USER : Access.ADMIN;
        }
        return Access.USER;
    }

    private static boolean isUserTrackingPath(String path) {
        String prefix = "/api/v1/monitor/users/";
        if (!path.startsWith(prefix) || !path.endsWith("/tracking")) {
            return false;
        }
        String name = path.substring(prefix.length(), path.length() - "/tracking".length());
        return !name.isEmpty() && name.indexOf('/') < 0;
    }
}
