package io.candlekeep.app.provider.yahoo;

import io.candlekeep.app.provider.HttpExchanges;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.ListingListener;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import io.candlekeep.core.provider.QuoteProvider;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latest quotes from Yahoo's {@code /v7/finance/quote?symbols=A,B}, up to {@code quoteBatchSize} symbols a
 * request. That endpoint wants a session cookie and a matching crumb: the provider fetches the cookie URL
 * ({@code https://fc.yahoo.com}) into its {@link CookieManager}, then {@code /v1/test/getcrumb}, keeps the crumb,
 * and gets a fresh one once when Yahoo answers 401 or 403. Never throws for anything Yahoo or the network does.
 */
public final class YahooQuoteProvider implements QuoteProvider, AutoCloseable {

    public static final String NAME = "yahoo";

    private static final Logger log = LoggerFactory.getLogger(YahooQuoteProvider.class);
    private static final Set<AssetClass> SERVED = Set.of(AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX,
            AssetClass.FX, AssetClass.CRYPTO);
    /** A crumb is a short token; anything longer is an HTML page or an error text. */
    private static final int MAX_CRUMB_LENGTH = 64;

    private final YahooProperties properties;
    private final HttpClient http;
    private final boolean ownsClient;
    private final YahooQuoteParser parser;
    private final String base;
    private final ListingListener listings;
    private final Object crumbLock = new Object();
    private volatile String crumb;

    /** A provider with its own {@link HttpClient} and cookie store, closed by {@link #close()}. */
    public YahooQuoteProvider(YahooProperties properties) {
        this(properties, ListingListener.ignoring());
    }

    /**
     * A provider with its own {@link HttpClient} and cookie store, closed by {@link #close()}.
     *
     * @param listings told what each quote entry says of its symbol (name, exchange, currency, zone, kind)
     */
    public YahooQuoteProvider(YahooProperties properties, ListingListener listings) {
        this(properties, newClient(properties), true, new YahooQuoteParser(), listings);
    }

    /** A provider on a caller-owned {@link HttpClient}, which must keep cookies (a {@code cookieHandler}). */
    public YahooQuoteProvider(YahooProperties properties, HttpClient httpClient, YahooQuoteParser parser) {
        this(properties, httpClient, false, parser, ListingListener.ignoring());
        if (httpClient.cookieHandler().isEmpty()) {
            throw new IllegalArgumentException("httpClient has no cookie handler; Yahoo's crumb only works with the "
                    + "cookie it was issued with");
        }
    }

    private YahooQuoteProvider(YahooProperties properties, HttpClient httpClient, boolean ownsClient,
            YahooQuoteParser parser, ListingListener listings) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(httpClient, "httpClient");
        this.ownsClient = ownsClient;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.listings = Objects.requireNonNull(listings, "listings");
        String url = properties.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static HttpClient newClient(YahooProperties properties) {
        return HttpExchanges.clientBuilder(properties.connectTimeout())
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<AssetClass> assetClasses() {
        return SERVED;
    }

    @Override
    public int maxBatchSize() {
        return properties.quoteBatchSize();
    }

    @Override
    public QuoteBatch quotes(List<Symbol> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        Set<Symbol> unique = new LinkedHashSet<>(symbols);
        List<Symbol> asked = new ArrayList<>();
        List<Symbol> unserved = new ArrayList<>();
        unique.forEach(s -> (SERVED.contains(s.assetClass()) ? asked : unserved).add(s));
        QuoteBatch answer = QuoteBatch.of(List.of(), unserved);
        int size = maxBatchSize();
        for (int from = 0; from < asked.size(); from += size) {
            List<Symbol> chunk = asked.subList(from, Math.min(asked.size(), from + size));
            Attempt attempt = request(chunk);
            answer = answer.merge(attempt.batch());
            if (attempt.stop() && from + size < asked.size()) {
                int left = asked.size() - from - size;
                answer = answer.merge(QuoteBatch.failed(left + " further symbols not asked after that"));
                break;
            }
        }
        return answer;
    }

    /** One request's answer; {@code stop} when asking again at once is pointless (rate limited, interrupted). */
    private record Attempt(QuoteBatch batch, boolean stop) {
        static Attempt of(QuoteBatch batch) {
            return new Attempt(batch, false);
        }

        static Attempt failed(String reason, boolean stop) {
            return new Attempt(QuoteBatch.failed(reason), stop);
        }
    }

    private Attempt request(List<Symbol> chunk) {
        String what = "quotes of " + chunk;
        try {
            String current = crumb();
            HttpResponse<byte[]> response = get(quoteUri(chunk, current));
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                log.info("[YAHOO] HTTP {} for {}: getting a fresh crumb", response.statusCode(), what);
                response = get(quoteUri(chunk, refreshCrumb(current)));
                if (response.statusCode() == 401 || response.statusCode() == 403) {
                    return Attempt.failed("Yahoo refused " + what + " with HTTP " + response.statusCode()
                            + " even with a fresh crumb", false);
                }
            }
            Attempt attempt = toAttempt(response, chunk, what);
            log.debug("[YAHOO] {} -> HTTP {}, {} quotes, {} not found{}", what, response.statusCode(),
                    attempt.batch().quotes().size(), attempt.batch().notFound().size(),
                    attempt.batch().failure().map(f -> ", " + f).orElse(""));
            return attempt;
        } catch (CrumbUnavailable e) {
            return Attempt.failed("No Yahoo crumb for " + what + ": " + e.getMessage(), e.rateLimited);
        } catch (HttpTimeoutException e) {
            return Attempt.failed("Yahoo did not answer " + what + " in time (connect " + properties.connectTimeout()
                    + ", request " + properties.requestTimeout() + ")", false);
        } catch (IOException e) {
            return Attempt.failed("Yahoo request for " + what + " failed: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("Interrupted while fetching " + what + " from Yahoo", true);
        }
    }

    private Attempt toAttempt(HttpResponse<byte[]> response, List<Symbol> chunk, String what) {
        int status = response.statusCode();
        if (status == 429) {
            return Attempt.failed("Yahoo rate-limited " + what + " (HTTP 429"
                    + response.headers().firstValue("Retry-After").map(r -> ", Retry-After " + r).orElse("") + ")", true);
        }
        if (status != 200) {
            return Attempt.failed("Yahoo answered HTTP " + status + " for " + what, false);
        }
        YahooQuoteParser.Parsed parsed;
        try {
            parsed = parser.parse(response.body() == null ? new byte[0] : response.body());
        } catch (YahooQuoteFormatException e) {
            return Attempt.failed("Malformed Yahoo answer for " + what + ": " + e.getMessage(), false);
        }
        if (parsed.error().isPresent() && parsed.quotes().isEmpty()) {
            return Attempt.failed("Yahoo error for " + what + ": " + parsed.error().get(), false);
        }
        Map<String, Symbol> asked = chunk.stream().collect(Collectors.toMap(Symbol::value, s -> s));
        List<Quote> quotes = new ArrayList<>();
        for (YahooQuote entry : parsed.quotes()) {
            Symbol symbol = asked.get(entry.symbol().trim().toUpperCase(Locale.ROOT));
            if (symbol != null) {
                entry.toQuote(symbol).ifPresent(quotes::add);
                listings.learned(entry.toListing(symbol));
            }
        }
        Set<Symbol> quoted = quotes.stream().map(Quote::symbol).collect(Collectors.toSet());
        // Yahoo leaves unknown symbols out of the result rather than reporting them
        List<Symbol> missing = chunk.stream().filter(s -> !quoted.contains(s)).toList();
        return Attempt.of(QuoteBatch.of(quotes, missing));
    }

    private String crumb() throws IOException, InterruptedException {
        String current = crumb;
        return current != null ? current : refreshCrumb(null);
    }

    /** A new crumb unless another thread already replaced {@code stale} meanwhile. */
    private String refreshCrumb(String stale) throws IOException, InterruptedException {
        synchronized (crumbLock) {
            String current = crumb;
            if (current != null && !current.equals(stale)) {
                return current;
            }
            crumb = null;
            try {
                // Yahoo answers the cookie URL with 404 or a redirect but sets the session cookie all the same
                get(properties.cookieUrl());
            } catch (IOException e) {
                log.debug("[YAHOO] cookie request to {} failed: {}", properties.cookieUrl(), e.toString());
            }
            HttpResponse<byte[]> response = get(URI.create(base + "/v1/test/getcrumb"));
            String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8).trim();
            if (response.statusCode() == 429) {
                throw new CrumbUnavailable("getcrumb answered HTTP 429", true);
            }
            if (response.statusCode() != 200 || body.isEmpty() || body.length() > MAX_CRUMB_LENGTH || body.contains("<")
                    || body.contains("{")) {
                throw new CrumbUnavailable("getcrumb answered HTTP " + response.statusCode() + " with '"
                        + (body.length() > 60 ? body.substring(0, 60) + "..." : body) + "'", false);
            }
            crumb = body;
            log.debug("[YAHOO] got a crumb");
            return body;
        }
    }

    private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("User-Agent", properties.userAgent())
                .header("Accept", "application/json, text/plain, */*")
                .GET()
                .build();
        return HttpExchanges.send(http, request, properties.connectTimeout().plus(properties.requestTimeout()));
    }

    URI quoteUri(List<Symbol> symbols, String crumb) {
        String list = symbols.stream().map(Symbol::value).collect(Collectors.joining(","));
        return URI.create(base + "/v7/finance/quote?symbols=" + URLEncoder.encode(list, StandardCharsets.UTF_8)
                + "&crumb=" + URLEncoder.encode(crumb, StandardCharsets.UTF_8));
    }

    /** The crumb could not be had; {@code rateLimited} when Yahoo said so. */
    private static final class CrumbUnavailable extends IOException {
        private final boolean rateLimited;

        CrumbUnavailable(String message, boolean rateLimited) {
            super(message);
            this.rateLimited = rateLimited;
        }
    }

    /** Closes the HTTP client when this provider made it, waiting at most one request timeout for calls in flight. */
    @Override
    public void close() {
        if (!ownsClient) {
            return;
        }
        HttpExchanges.shutdown(http, properties.requestTimeout());
    }
}
