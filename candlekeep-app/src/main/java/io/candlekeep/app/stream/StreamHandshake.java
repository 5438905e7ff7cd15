package io.candlekeep.app.stream;

import io.candlekeep.app.security.Callers;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.security.UserService;
import io.candlekeep.app.store.DatabaseUnavailable;
import io.candlekeep.app.web.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Who opens the feed, where the handshake says it: the {@code Authorization} header (already checked by the bearer
 * filter), or, for a browser, which cannot set headers on a WebSocket, a sub-protocol {@code bearer.<token>} offered
 * beside {@value #PROTOCOL}. Neither is required here: the token may also come as the first message. A token in the
 * URL is refused, since URLs end up in logs.
 */
@Component
class StreamHandshake implements HandshakeInterceptor {

    /** The sub-protocol the feed speaks; the one the server selects, so the token is never echoed. */
    static final String PROTOCOL = "candlekeep";
    static final String TOKEN_PROTOCOL_PREFIX = "bearer.";
    static final String IDENTITY = StreamConnection.Identity.class.getName();

    private final UserService users;

    StreamHandshake(UserService users) {
        this.users = users;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        HttpServletResponse out = ((ServletServerHttpResponse) response).getServletResponse();
        String query = servlet.getQueryString();
        if (query != null && query.toLowerCase(Locale.ROOT).contains("token")) {
            ProblemJson.write(out, HttpStatus.BAD_REQUEST, "A token is never accepted in the URL (URLs are logged): send "
                    + "'Authorization: Bearer <token>', offer the sub-protocols 'candlekeep' and 'bearer.<token>', or send "
                    + "{\"action\":\"auth\",\"token\":\"<token>\"} as the first message");
            return false;
        }
        Optional<Caller> fromHeader = Callers.find(servlet);
        if (fromHeader.isPresent()) {
            String header = servlet.getHeader(HttpHeaders.AUTHORIZATION);
            attributes.put(IDENTITY, new StreamConnection.Identity(fromHeader.get(), header.substring(7).strip()));
            return true;
        }
        Optional<String> offered = offeredToken(request.getHeaders().get(WebSocketHttpHeaders.SEC_WEBSOCKET_PROTOCOL));
        if (offered.isEmpty()) {
            return true;
        }
        Optional<Caller> caller;
        try {
            caller = users.authenticate(offered.get());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            out.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            ProblemJson.write(out, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
            return false;
        }
        if (caller.isEmpty()) {
            out.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"candlekeep\"");
            ProblemJson.write(out, HttpStatus.UNAUTHORIZED, "The token offered as sub-protocol 'bearer.<token>' is not valid");
            return false;
        }
        attributes.put(IDENTITY, new StreamConnection.Identity(caller.get(), offered.get()));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    /** The token of the first {@code bearer.<token>} among the offered sub-protocols (one header or several, comma-separated). */
    static Optional<String> offeredToken(List<String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            for (String protocol : header.split(",")) {
                String p = protocol.strip();
                if (p.regionMatches(true, 0, TOKEN_PROTOCOL_PREFIX, 0, TOKEN_PROTOCOL_PREFIX.length())) {
                    return Optional.of(p.substring(TOKEN_PROTOCOL_PREFIX.length()));
                }
            }
        }
        return Optional.empty();
    }
}
