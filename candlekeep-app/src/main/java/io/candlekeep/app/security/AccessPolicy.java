package io.candlekeep.app.security;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call a path: the one table of access rules (DESIGN §9). Ownership is checked by the feature itself.
 *
 * <p>Paths are matched the way the router matches them ({@link PathPattern}: segments decoded, {@code ;} parameters
 * ignored), but without regard to case, so a path in another case never asks for less than the one the router
 * serves. A path the table does not name needs an admin: a new endpoint is closed until a rule opens it.
 */
@Component
class AccessPolicy {

    /** What a request must bring. */
    enum Access {
        /** Anyone: health, the API document and its Swagger UI, the dashboard's page (which asks for a token itself). */
        PUBLIC,
        /** Market data: any valid token, or anyone when {@code candlekeep.security.public-market-data} is set. */
        MARKET_DATA,
        /** Any valid token; the feature serves the caller's own data only. */
        USER,
        /** The metrics: an admin's token, or the scrape token ({@code candlekeep.metrics.scrape-token}). */
        METRICS,
        /** An admin's token: operations, monitoring, user management, and every path not named here. */
        ADMIN
    }

    private record Rule(String method, PathPattern pattern, Access access) {
        boolean matches(String requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && pattern.matches(path);
        }
    }

    private static final PathPatternParser PARSER = new PathPatternParser();

    static {
        PARSER.setCaseSensitive(false);
    }

    private final List<Rule> rules;

    AccessPolicy(SecurityProperties properties) {
        Access marketData = properties.publicMarketData() ? Access.PUBLIC : Access.MARKET_DATA;
        this.rules = List.of(
                rule(null, "/actuator/health/**", Access.PUBLIC),
                rule(null, "/v3/api-docs/**", Access.PUBLIC),
                // Swagger UI: the page that redirects to it, its assets; it reads /v3/api-docs/swagger-config
                rule(null, "/swagger-ui.html", Access.PUBLIC),
                rule(null, "/swagger-ui/**", Access.PUBLIC),
                rule("GET", "/actuator/prometheus", Access.METRICS),
                rule(null, "/", Access.PUBLIC),
                rule(null, "/index.html", Access.PUBLIC),
                rule(null, "/favicon.ico", Access.PUBLIC),
                rule(null, "/assets/**", Access.PUBLIC),
                // the dashboard's chart library, a WebJar inside the jar
                rule("GET", "/webjars/**", Access.PUBLIC),
                rule(null, "/error", Access.PUBLIC),
                // the feed checks the token itself: a browser's WebSocket cannot send a header, so it may come later
                rule("GET", "/api/v1/stream", Access.PUBLIC),
                rule("GET", "/api/v1/bars/{symbol}", marketData),
                rule("GET", "/api/v1/quotes", marketData),
                rule("GET", "/api/v1/symbols/**", marketData),
                rule("GET", "/api/v1/forecasts/**", marketData),
                rule(null, "/api/v1/me", Access.USER),
                rule(null, "/api/v1/tracking/**", Access.USER),
                rule(null, "/api/v1/portfolios/**", Access.USER),
                // a user mints and revokes their own tokens; the users feature checks the name
                rule(null, "/api/v1/users/{name}/tokens", Access.USER),
                // a user may watch their own tracked symbols; the monitor feature checks the name
                rule("GET", "/api/v1/monitor/users/{name}/tracking", Access.USER));
    }

    private static Rule rule(String method, String pattern, Access access) {
        return new Rule(method, PARSER.parse(pattern), access);
    }

    /** @param path a request path as sent (encoded), or a route's pattern such as {@code /api/v1/bars/{symbol}} */
    Access required(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : rules) {
            if (rule.matches(method, container)) {
                return rule.access();
            }
        }
        return Access.ADMIN;
    }
}
