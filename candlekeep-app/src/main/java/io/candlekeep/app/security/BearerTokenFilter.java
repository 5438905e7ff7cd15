package io.candlekeep.app.security;

import io.candlekeep.app.store.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the caller from {@code Authorization: Bearer <token>} and applies the {@link AccessPolicy}: 401 when a
 * needed token is missing or unknown, 403 when the caller lacks the role; both as problem+json.
 */
@Component
class BearerTokenFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final String BEARER = "Bearer ";

    private final UserService users;
    private final AccessPolicy policy;

    BearerTokenFilter(UserService users, AccessPolicy policy) {
        this.users = users;
        this.policy = policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AccessPolicy.Access access = policy.required(request.getMethod(), path);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = Optional.empty();
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                reject(response, HttpStatus.UNAUTHORIZED, "The Authorization header must be 'Bearer <token>'");
                return;
            }
            try {
                caller = users.authenticate(header.substring(BEARER.length()).strip());
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
        if (access != AccessPolicy.Access.PUBLIC && caller.isEmpty()) {
            reject(response, HttpStatus.UNAUTHORIZED, request.getMethod() + " " + path
                    + " needs a token: send 'Authorization: Bearer <token>'");
            return;
        }
        if (access == AccessPolicy.Access.ADMIN && !caller.orElseThrow().isAdmin()) {
            reject(response, HttpStatus.FORBIDDEN, request.getMethod() + " " + path + " needs an admin token; user '"
                    + caller.get().name() + "' is not an admin");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"candlekeep\"");
        }
        response.setContentType("application/problem+json");
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + escape(detail) + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < ' ') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
