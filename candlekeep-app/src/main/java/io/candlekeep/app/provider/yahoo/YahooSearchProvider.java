package io.candlekeep.app.provider.yahoo;

import io.candlekeep.app.provider.HttpExchanges;
import io.candlekeep.core.provider.SearchOutcome;
import io.candlekeep.core.provider.SymbolSearchProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Symbols by ticker or name from Yahoo's {@code /v1/finance/search?q=...&quotesCount=N&newsCount=0}, the search box of
 * finance.yahoo.com (no cookie or crumb needed). One call is one HTTP request answered within its timeout; the circuit
 * breaker and rate limit belong to {@code ResilientSymbolSearch} around it. Never throws for anything Yahoo or the
 * network does.
 */
public final class YahooSearchProvider implements SymbolSearchProvider, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(YahooSearchProvider.class);

    private final YahooProperties properties;
    private final HttpClient http;
    private final YahooSearchParser parser;
    private final Clock clock;
    private final String base;

    /** A provider with its own {@link HttpClient}, closed by {@link #close()}. */
    public YahooSearchProvider(YahooProperties properties, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpExchanges.clientBuilder(properties.connectTimeout()).build();
        this.parser = new YahooSearchParser();
        String url = properties.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String name() {
        return YahooHistoryProvider.NAME;
    }

    @Override
    public SearchOutcome search(String query, int limit, Duration timeout) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(timeout, "timeout");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        if (!timeout.isPositive()) {
            return new SearchOutcome.Failed("No time left to ask Yahoo for '" + query + "'");
        }
        String what = "the search for '" + query + "'";
        URI uri = searchUri(query, limit);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout.compareTo(properties.requestTimeout()) < 0 ? timeout : properties.requestTimeout())
                .header("User-Agent", properties.userAgent())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpExchanges.send(http, request, timeout);
        } catch (HttpTimeoutException e) {
            return new SearchOutcome.Failed("Yahoo did not answer " + what + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new SearchOutcome.Failed("Yahoo request for " + what + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SearchOutcome.Failed("Interrupted while asking Yahoo for " + what);
        }
        SearchOutcome outcome = toOutcome(response, what);
        log.debug("[YAHOO] GET {} -> HTTP {}, {}", uri, response.statusCode(), outcome);
        return outcome;
    }

    private SearchOutcome toOutcome(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status == 429) {
            return new SearchOutcome.RateLimited(HttpExchanges.retryAfter(response.headers(), clock.instant()));
        }
        if (status != 200) {
            return new SearchOutcome.Failed("Yahoo answered HTTP " + status + " for " + what);
        }
        try {
            YahooSearchParser.Parsed parsed = parser.parse(response.body() == null ? new byte[0] : response.body());
            if (parsed.error().isPresent()) {
                return new SearchOutcome.Failed("Yahoo error for " + what + ": " + parsed.error().get());
            }
            return new SearchOutcome.Found(parsed.listings());
        } catch (YahooSearchFormatException e) {
            return new SearchOutcome.Failed("Malformed Yahoo answer for " + what + ": " + e.getMessage());
        }
    }

    URI searchUri(String query, int limit) {
        return URI.create(base + "/v1/finance/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&quotesCount=" + limit + "&newsCount=0");
    }

    /** Closes the HTTP client, waiting at most one request timeout for calls in flight. */
    @Override
    public void close() {
        HttpExchanges.shutdown(http, properties.requestTimeout());
    }
}
