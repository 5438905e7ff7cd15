package io.candlekeep.app.provider.yahoo;

import io.candlekeep.app.provider.HttpExchanges;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ListingListener;
import io.candlekeep.core.provider.ProviderCapabilities;
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
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Historical bars from Yahoo's {@code /v8/finance/chart/{symbol}}: 15m (last 60 days), 1h (last 730 days) and
 * 1d. One call is one HTTP request and one {@link FetchOutcome}; rate limiting, retries and the circuit breaker
 * belong to {@code ResilientHistoryProvider} around it. Never throws for anything Yahoo or the network does.
 */
public final class YahooHistoryProvider implements HistoryProvider, AutoCloseable {

    public static final String NAME = "yahoo";

    private static final Logger log = LoggerFactory.getLogger(YahooHistoryProvider.class);

    private final YahooProperties properties;
    private final HttpClient http;
    private final boolean ownsClient;
    private final YahooChartParser parser;
    private final Clock clock;
    private final Function<Symbol, MarketCalendar> calendars;
    private final ProviderCapabilities capabilities;
    private final String base;
    private final ListingListener listings;

    /** A provider with its own {@link HttpClient} (closed by {@link #close()}) on the standard market calendars. */
    public YahooHistoryProvider(YahooProperties properties, Clock clock) {
        this(properties, clock, MarketCalendars::forSymbol);
    }

    /**
     * A provider with its own {@link HttpClient} (closed by {@link #close()}) on the standard market calendars.
     *
     * @param listings told what each chart's {@code meta} says of its symbol (name, exchange, currency, zone, kind)
     */
    public YahooHistoryProvider(YahooProperties properties, Clock clock, ListingListener listings) {
        this(properties, HttpExchanges.clientBuilder(properties.connectTimeout()).build(), true, new YahooChartParser(),
                clock, MarketCalendars::forSymbol, listings);
    }

    /**
     * A provider with its own {@link HttpClient} (closed by {@link #close()}).
     *
     * @param calendars the calendar of each symbol, normally {@code MarketCalendars::forSymbol}
     */
    public YahooHistoryProvider(YahooProperties properties, Clock clock, Function<Symbol, MarketCalendar> calendars) {
        this(properties, HttpExchanges.clientBuilder(properties.connectTimeout()).build(), true, new YahooChartParser(),
                clock, calendars, ListingListener.ignoring());
    }

    /** A provider on a caller-owned {@link HttpClient}; its connect timeout is the client's business. */
    public YahooHistoryProvider(YahooProperties properties, HttpClient httpClient, YahooChartParser parser, Clock clock,
            Function<Symbol, MarketCalendar> calendars) {
        this(properties, httpClient, false, parser, clock, calendars, ListingListener.ignoring());
    }

    private YahooHistoryProvider(YahooProperties properties, HttpClient httpClient, boolean ownsClient,
            YahooChartParser parser, Clock clock, Function<Symbol, MarketCalendar> calendars, ListingListener listings) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(httpClient, "httpClient");
        this.ownsClient = ownsClient;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.listings = Objects.requireNonNull(listings, "listings");
        this.capabilities = capabilities(properties.requestsPerSecond());
        String url = properties.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Yahoo's reach: 15m for 60 days, 1h for 730 days, 1d without limit (10 years a request). */
    public static ProviderCapabilities capabilities(double requestsPerSecond) {
        return new ProviderCapabilities(
                Set.of(AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX, AssetClass.FX, AssetClass.CRYPTO),
                Set.of(Timeframe.M15, Timeframe.H1, Timeframe.D1),
                Map.of(Timeframe.M15, Duration.ofDays(60), Timeframe.H1, Duration.ofDays(730)),
                Map.of(Timeframe.M15, Duration.ofDays(60), Timeframe.H1, Duration.ofDays(730),
                        Timeframe.D1, Duration.ofDays(3650)),
                requestsPerSecond);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /**
     * @throws IllegalArgumentException for a timeframe that is not native (4h) or an empty or reversed range:
     *                                  those are the caller's mistakes, not provider faults
     */
    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        Optional<FetchOutcome> refused = capabilities.refusal("Yahoo", symbol, timeframe, startInclusive, endExclusive);
        if (refused.isPresent()) {
            return refused.get();
        }
        String what = "'" + symbol + "' " + timeframe + " in [" + startInclusive + ", " + endExclusive + ")";
        URI uri = chartUri(symbol, timeframe, startInclusive, endExclusive);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("User-Agent", properties.userAgent())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpExchanges.send(http, request, properties.connectTimeout().plus(properties.requestTimeout()));
        } catch (HttpTimeoutException e) {
            return new FetchOutcome.Failed("Yahoo did not answer " + what + " in time (connect "
                    + properties.connectTimeout() + ", request " + properties.requestTimeout() + ")", e);
        } catch (IOException e) {
            return new FetchOutcome.Failed("Yahoo request for " + what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchOutcome.Failed("Interrupted while fetching " + what + " from Yahoo", e);
        }
        FetchOutcome outcome = toOutcome(response, symbol, timeframe, startInclusive, endExclusive, what);
        log.debug("[YAHOO] GET {} -> HTTP {}, {}", uri, response.statusCode(), summary(outcome));
        return outcome;
    }

    private FetchOutcome toOutcome(HttpResponse<byte[]> response, Symbol symbol, Timeframe timeframe,
            Instant startInclusive, Instant endExclusive, String what) {
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (status == 429) {
            return new FetchOutcome.RateLimited(retryAfter(response));
        }
        if (status == 200) {
            try {
                return switch (parser.parse(body)) {
                    case YahooChart chart -> {
                        listings.learned(chart.toListing(symbol));
                        yield YahooBarMapper.toOutcome(chart, symbol, timeframe, startInclusive, endExclusive,
                                calendars.apply(symbol), clock.instant());
                    }
                    case YahooChartError error when error.isNotFound() -> new FetchOutcome.NotFound(error.description());
                    case YahooChartError error -> new FetchOutcome.Failed("Yahoo error for " + what + ": " + error);
                };
            } catch (YahooChartFormatException e) {
                return new FetchOutcome.Failed("Malformed Yahoo chart for " + what + ": " + e.getMessage(), e);
            }
        }
        Optional<YahooChartError> error = errorIn(body);
        if (status == 404 && error.isPresent()) {
            return new FetchOutcome.NotFound(error.get().description());
        }
        // A 404 without Yahoo's error object is more likely a wrong base URL than a delisted symbol.
        return new FetchOutcome.Failed("Yahoo answered HTTP " + status + " for " + what
                + error.map(e -> ": " + e).orElse(""));
    }

    private Optional<YahooChartError> errorIn(byte[] body) {
        try {
            return parser.parse(body) instanceof YahooChartError error ? Optional.of(error) : Optional.empty();
        } catch (YahooChartFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; absent or unreadable gives empty. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<Duration> wait = HttpExchanges.retryAfter(response.headers(), clock.instant());
        if (wait.isEmpty() && response.headers().firstValue("Retry-After").isPresent()) {
            log.debug("[YAHOO] unreadable Retry-After '{}'", response.headers().firstValue("Retry-After").get());
        }
        return wait;
    }

    /** The request URI; {@code period2} is rounded up so the last requested second is still inside. */
    URI chartUri(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        long period1 = startInclusive.getEpochSecond();
        long period2 = endExclusive.getEpochSecond() + (endExclusive.getNano() > 0 ? 1 : 0);
        return URI.create(base + "/v8/finance/chart/" + URLEncoder.encode(symbol.value(), StandardCharsets.UTF_8)
                + "?period1=" + period1 + "&period2=" + period2 + "&interval=" + YahooBarMapper.interval(timeframe)
                + "&includePrePost=false&events=div%7Csplit");
    }

    private static String summary(FetchOutcome outcome) {
        return switch (outcome) {
            case FetchOutcome.Fetched f -> f.bars().size() + " bars, " + f.actions().size() + " actions";
            case FetchOutcome.NoData n -> "no data: " + n.reason();
            case FetchOutcome.NotFound n -> "not found: " + n.reason();
            case FetchOutcome.RateLimited r -> "rate limited" + r.retryAfter().map(d -> ", retry after " + d).orElse("");
            case FetchOutcome.Failed f -> "failed: " + f.reason();
        };
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
