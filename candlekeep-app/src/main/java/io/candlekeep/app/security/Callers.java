package io.candlekeep.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The caller {@link BearerTokenFilter} found on a request, for code outside the controllers (the stream's handshake). */
public final class Callers {

    static final String ATTRIBUTE = Caller.class.getName();

    private Callers() {
    }

    /** The caller whose {@code Authorization} header the filter accepted, if the request carried one. */
    public static Optional<Caller> find(HttpServletRequest request) {
        return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }
}
