package io.candlekeep.app.bars;

import io.candlekeep.app.security.RouteAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a bars answer already kept ({@link EncodedBars}) without the trip through the MVC dispatcher, which costs
 * more than the answer (docs/PERFORMANCE.md, <i>Hot read against nginx</i>): a {@code GET} of exactly
 * {@code /api/v1/bars/{symbol}}, its caller resolved and its path checked by the security filter before this one, the
 * route's access checked here ({@link RouteAccess}), its query what {@link BarsController} would parse, and an answer
 * kept for that query and the series as it is now. Anything else (a symbol segment with an escape, a bad parameter,
 * nothing kept, another method) goes on to the dispatcher and the controller, which write and keep the answer: this
 * only repeats an answer the controller wrote.
 */
@Component
@Order(RouteAccess.AFTER_CALLER_FILTER_ORDER)
class KeptBarsFilter extends OncePerRequestFilter {

    static final String ROUTE = "/api/v1/bars/{symbol}";
    private static final String PREFIX = "/api/v1/bars/";

    private final BarService bars;
    private final RouteAccess access;
    private final MeterRegistry registry;
    /** Timers by how the request was answered and its status: at most 2 × 500 of them. */
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    KeptBarsFilter(BarService bars, RouteAccess access, MeterRegistry registry) {
        this.bars = bars;
        this.access = access;
        this.registry = registry;
    }

    /**
     * Whether a request is one this filter times ({@code candlekeep_bars_requests_seconds}) instead of the request
     * metrics: a GET under the bars route. {@link BarsConfiguration} leaves those out of {@code http.server.requests},
     * whose per-request tags cost a tenth of a kept answer's time.
     */
    static boolean timedHere(HttpServletRequest request) {
        return "GET".equals(request.getMethod())
                && request.getRequestURI().startsWith(PREFIX, request.getContextPath().length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!timedHere(request)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        BarQuery query = keptQuery(request);
        EncodedBars.Answer kept = query == null ? null : bars.kept(query);
        try {
            if (kept == null) {
                chain.doFilter(request, response);
                return;
            }
            if (access.permits(request, response, ROUTE)) {
                BarsController.send(request, response, query.format(), kept);
            }
        } finally {
            timer(kept != null, response.getStatus()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(boolean kept, int status) {
        int s = status < 100 || status > 599 ? 0 : status;
        return timers.computeIfAbsent(kept ? s : -s - 1, k -> Timer.builder("candlekeep.bars.requests")
                .description("GET /api/v1/bars/{symbol}: answered with kept bytes here (answer=kept) or by the "
                        + "controller (answer=written, errors included)")
                .tag("answer", kept ? "kept" : "written")
                .tag("status", Integer.toString(s))
                .register(registry));
    }

    /** The query of a GET (under the bars route) that the router would send to the bars route, or null. */
    private static BarQuery keptQuery(HttpServletRequest request) {
        String symbol = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        // the segment as the router would decode it: only one without escapes, separators or parameters is taken
        if (symbol.isEmpty() || symbol.indexOf('/') >= 0 || symbol.indexOf('%') >= 0 || symbol.indexOf(';') >= 0) {
            return null;
        }
        try {
            return BarQuery.parse(symbol, request.getParameter("timeframe"), request.getParameter("from"),
                    request.getParameter("to"), request.getParameter("limit"), request.getParameter("format"));
        } catch (RuntimeException badQuery) {
            return null; // the controller answers it with the problem
        }
    }
}
