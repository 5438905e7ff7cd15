package io.candlekeep.app.security;

import io.candlekeep.app.store.DatabaseUnavailable;
import io.candlekeep.app.web.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the caller from {@code Authorization: Bearer <token>} and applies the {@link AccessPolicy}: 400 for a
 * path that is not normalized or a query that cannot be decoded ({@link RequestPaths}), 404 for the error page asked
 * for directly, 401 when a needed token is missing or unknown, 403 when the
 * caller lacks the role; all as problem+json. {@link RouteAccessInterceptor} checks the same table again on the
 * route the request reached. The scrape token ({@link ScrapeToken}) counts on a {@code METRICS} path only; anywhere
 * else it is a token this service does not know.
 */
@Component
@Order(RouteAccess.CALLER_FILTER_ORDER)
class BearerTokenFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = Callers.ATTRIBUTE;
    /** Set (to {@code TRUE}) on a request that brought the scrape token to a path the scrape token opens. */
    static final String SCRAPER_ATTRIBUTE = ScrapeToken.class.getName();
    private static final String BEARER = "Bearer ";
    /** Where the container forwards a failed request (Spring Boot's {@code server.error.path}, left at its default). */
    private static final String ERROR_PATH = "/error";

    private final UserService users;
    private final AccessPolicy policy;
    private final ScrapeToken scrapeToken;

    BearerTokenFilter(UserService users, AccessPolicy policy, ScrapeToken scrapeToken) {
        this.users = users;
        this.policy = policy;
        this.scrapeToken = scrapeToken;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> notNormalized = RequestPaths.problem(path).or(() -> RequestPaths.queryProblem(
                request.getQueryString()));
        if (notNormalized.isPresent()) {
            reject(response, HttpStatus.BAD_REQUEST, notNormalized.get());
            return;
        }
        if (path.equalsIgnoreCase(ERROR_PATH)) {
            // the error page renders a failure the container forwarded; asked for directly it has nothing to say
            reject(response, HttpStatus.NOT_FOUND, "No resource " + path);
            return;
        }
        AccessPolicy.Access access = policy.required(request.getMethod(), path);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = Optional.empty();
        boolean scraper = false;
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                reject(response, HttpStatus.UNAUTHORIZED, "The Authorization header must be 'Bearer <token>'");
                return;
            }
            String token = header.substring(BEARER.length()).strip();
            if (access == AccessPolicy.Access.METRICS && scrapeToken.matches(token)) {
                scraper = true;
                request.setAttribute(SCRAPER_ATTRIBUTE, Boolean.TRUE);
            } else {
                try {
                    caller = users.authenticate(token);
                } catch (RuntimeException e) {
                    if (!DatabaseUnavailable.causes(e)) {
                        throw e;
                    }
                    // a token not in the cache cannot be checked while the database is away
                    response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
                    reject(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
                    return;
                }
                if (caller.isEmpty()) {
                    reject(response, HttpStatus.UNAUTHORIZED, "The bearer token is not valid");
                    return;
                }
                request.setAttribute(CALLER_ATTRIBUTE, caller.get());
            }
        }
        if (!permits(access, caller, scraper, request.getMethod() + " " + path, response)) {
            return;
        }
        chain.doFilter(caller.isPresent() ? new CallerRequest(request, caller.get()) : request, response);
    }

    /**
     * Whether {@code caller}, or the scrape token when {@code scraper}, brings what {@code access} asks; when not, the
     * 401 or 403 is written to {@code response}. {@code what} names the request in the answer.
     */
    static boolean permits(AccessPolicy.Access access, Optional<Caller> caller, boolean scraper, String what,
            HttpServletResponse response) throws IOException {
        if (access == AccessPolicy.Access.PUBLIC || (access == AccessPolicy.Access.METRICS && scraper)) {
            return true;
        }
        if (caller.isEmpty()) {
            reject(response, HttpStatus.UNAUTHORIZED, what + " needs a token: send 'Authorization: Bearer <token>'");
            return false;
        }
        boolean needsAdmin = access == AccessPolicy.Access.ADMIN || access == AccessPolicy.Access.METRICS;
        if (needsAdmin && !caller.get().isAdmin()) {
            String needs = access == AccessPolicy.Access.METRICS ? "an admin token or the scrape token" : "an admin token";
            reject(response, HttpStatus.FORBIDDEN, what + " needs " + needs + "; user '" + caller.get().name()
                    + "' is not an admin");
            return false;
        }
        return true;
    }

    /** The caller as the servlet API names it, so that actuator shows health details to admins only. */
    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final Caller caller;

        CallerRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().name().equalsIgnoreCase(role);
        }
    }

    private static void reject(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"candlekeep\"");
        }
        ProblemJson.write(response, status, detail);
    }
}
