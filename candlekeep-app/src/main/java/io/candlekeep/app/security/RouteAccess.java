package io.candlekeep.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The access table applied to a route: the pattern a request was matched to ({@code /api/v1/bars/{symbol}}), not
 * the path it was sent as. {@link RouteAccessInterceptor} asks it for the route the router chose; a filter that
 * answers a route itself after the caller is known ({@link #AFTER_CALLER_FILTER_ORDER}) asks it for the route it
 * matched.
 */
@Component
public class RouteAccess {

    /** The order of {@link BearerTokenFilter}: a filter ordered after it sees the caller resolved. */
    static final int CALLER_FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 100;
    /** An order after the filter that resolves the caller and checks the path. */
    public static final int AFTER_CALLER_FILTER_ORDER = CALLER_FILTER_ORDER + 1;

    /** The methods whose rules are remembered per route: a client may send any method name, and those are not kept. */
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    private final AccessPolicy policy;
    /** The rule of each route the router has (a fixed set of patterns), by method. */
    private final Map<String, AccessPolicy.Access> byRoute = new ConcurrentHashMap<>();

    RouteAccess(AccessPolicy policy) {
        this.policy = policy;
    }

    /**
     * Whether the request's caller may use {@code route} with the request's method; when not, the 401 or 403
     * (problem+json) has been written.
     */
    public boolean permits(HttpServletRequest request, HttpServletResponse response, String route) throws IOException {
        Optional<Caller> caller = Optional.ofNullable((Caller) request.getAttribute(BearerTokenFilter.CALLER_ATTRIBUTE));
        boolean scraper = Boolean.TRUE.equals(request.getAttribute(BearerTokenFilter.SCRAPER_ATTRIBUTE));
        String method = request.getMethod();
        AccessPolicy.Access required = STANDARD_METHODS.contains(method)
                ? byRoute.computeIfAbsent(method + " " + route, k -> policy.required(method, route))
                : policy.required(method, route);
        return BearerTokenFilter.permits(required, caller, scraper, method + " " + route, response);
    }
}
