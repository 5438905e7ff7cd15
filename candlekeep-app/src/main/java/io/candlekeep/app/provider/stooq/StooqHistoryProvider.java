package io.candlekeep.app.provider.stooq;

import io.candlekeep.app.provider.HttpExchanges;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily bars from Stooq's CSV download {@code /q/d/l/?s={stooq symbol}&i=d&d1=YYYYMMDD&d2=YYYYMMDD}: the fallback for
 * stocks, ETFs and indices when Yahoo fails or its circuit is open, so 1d is all it serves. One call is one HTTP
 * request and one {@link FetchOutcome}; retries, the local request rate and the circuit breaker belong to
 * {@code ResilientHistoryProvider} around it. Never throws for anything Stooq or the network does.
 *
 * <p>Stooq answers HTTP 200 whatever happened, so the body decides ({@link StooqCsvParser}): {@code No data} (or a CSV
 * without rows) over a range the calendar expects a finished trading day in means Stooq does not have the symbol, and
 * is {@code NotFound} (a chain then asks the next provider, or keeps the failure of the one before); over a range
 * without any, {@code NoData}. {@code Exceeded the daily hits limit} is {@code RateLimited}, and no request goes out
 * before the next day begins in Warsaw (Stooq's home; it publishes no reset time): until then every fetch is answered
 * {@code RateLimited} here. An HTML page is {@code Failed}, and names the API key Stooq asks for since 2026.
 */
public final class StooqHistoryProvider implements HistoryProvider, AutoCloseable {

    public static final String NAME = "stooq";
    /** Where the daily hits limit is taken to reset: at midnight there. */
    static final ZoneId STOOQ_ZONE = ZoneId.of("Europe/Warsaw");

    private static final Logger log = LoggerFactory.getLogger(StooqHistoryProvider.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final StooqProperties properties;
    private final HttpClient http;
    private final boolean ownsClient;
    private final StooqCsvParser parser;
    private final Clock clock;
    private final Function<Symbol, MarketCalendar> calendars;
    private final ProviderCapabilities capabilities;
    private final String base;
    /** Until when the daily hits limit holds; no request is sent before. */
    private volatile Instant limitedUntil = Instant.MIN;

    /** A provider with its own {@link HttpClient} (closed by {@link #close()}) on the standard market calendars. */
    public StooqHistoryProvider(StooqProperties properties, Clock clock) {
        this(properties, HttpExchanges.clientBuilder(properties.connectTimeout()).build(), true, new StooqCsvParser(),
                clock, MarketCalendars::forSymbol);
    }

    /**
     * A provider on a caller-owned {@link HttpClient}; its connect timeout is the client's business.
     *
     * @param calendars the calendar of each symbol, normally {@code MarketCalendars::forSymbol}
     */
    public StooqHistoryProvider(StooqProperties properties, HttpClient httpClient, StooqCsvParser parser, Clock clock,
            Function<Symbol, MarketCalendar> calendars) {
        this(properties, httpClient, false, parser, clock, calendars);
    }

    private StooqHistoryProvider(StooqProperties properties, HttpClient httpClient, boolean ownsClient,
            StooqCsvParser parser, Clock clock, Function<Symbol, MarketCalendar> calendars) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(httpClient, "httpClient");
        this.ownsClient = ownsClient;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.capabilities = capabilities(properties.requestsPerSecond());
        String url = properties.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Stooq's reach here: daily bars of stocks, ETFs and indices, the whole history, 10 years a request. */
    public static ProviderCapabilities capabilities(double requestsPerSecond) {
        return new ProviderCapabilities(Set.of(AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX),
                Set.of(Timeframe.D1), Map.of(), Map.of(Timeframe.D1, Duration.ofDays(3650)), requestsPerSecond);
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
     * @throws IllegalArgumentException for a timeframe other than 1d or an empty or reversed range: those are the
     *                                  caller's mistakes, not provider faults
     */
    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        Optional<FetchOutcome> refused = capabilities.refusal("Stooq", symbol, timeframe, startInclusive, endExclusive);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> stooq = StooqSymbols.findStooq(symbol);
        if (stooq.isEmpty()) {
            return new FetchOutcome.NotFound("'" + symbol + "' has no Stooq symbol (US listings, .DE, .L, .T, .HK and "
                    + "the indices ^GSPC, ^DJI, ^IXIC, ^NDX have)");
        }
        Instant now = clock.instant();
        if (now.isBefore(limitedUntil)) {
            return new FetchOutcome.RateLimited(Optional.empty());
        }
        MarketCalendar calendar = calendars.apply(symbol);
        String what = "'" + symbol + "' (" + stooq.get() + ") 1d in [" + startInclusive + ", " + endExclusive + ")";
        HttpRequest request = HttpRequest.newBuilder(downloadUri(stooq.get(), startInclusive, endExclusive, calendar.zone()))
                .timeout(properties.requestTimeout())
                .header("User-Agent", properties.userAgent())
                .header("Accept", "text/csv, text/plain")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpExchanges.send(http, request, properties.connectTimeout().plus(properties.requestTimeout()));
        } catch (HttpTimeoutException e) {
            return new FetchOutcome.Failed("Stooq did not answer " + what + " in time (connect "
                    + properties.connectTimeout() + ", request " + properties.requestTimeout() + ")", e);
        } catch (IOException e) {
            return new FetchOutcome.Failed("Stooq request for " + what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchOutcome.Failed("Interrupted while fetching " + what + " from Stooq", e);
        }
        FetchOutcome outcome = toOutcome(response, symbol, startInclusive, endExclusive, calendar, what);
        log.debug("[STOOQ] GET {} 1d [{}, {}) -> HTTP {}, {}", stooq.get(), startInclusive, endExclusive,
                response.statusCode(), outcome.getClass().getSimpleName());
        return outcome;
    }

    private FetchOutcome toOutcome(HttpResponse<byte[]> response, Symbol symbol, Instant startInclusive,
            Instant endExclusive, MarketCalendar calendar, String what) {
        int status = response.statusCode();
        Instant now = clock.instant();
        if (status == 429) {
            return new FetchOutcome.RateLimited(HttpExchanges.retryAfter(response.headers(), now));
        }
        if (status != 200) {
            return new FetchOutcome.Failed("Stooq answered HTTP " + status + " for " + what);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        try {
            return switch (parser.parse(body)) {
                case StooqDownload.Rows rows -> StooqBarMapper.toOutcome(rows, symbol, startInclusive, endExclusive,
                        calendar, now);
                case StooqDownload.NoData noData when expectsFinishedDay(calendar, startInclusive, endExclusive, now) ->
                        new FetchOutcome.NotFound("Stooq has no data for " + what + " (it answered " + noData.what() + ")");
                case StooqDownload.NoData noData -> new FetchOutcome.NoData("Stooq has no bars for " + what
                        + ": no finished trading day in it (it answered " + noData.what() + ")");
                case StooqDownload.HitsLimitExceeded limit -> {
                    limitedUntil = now.atZone(STOOQ_ZONE).toLocalDate().plusDays(1).atStartOfDay(STOOQ_ZONE).toInstant();
                    log.warn("[STOOQ] '{}': no more requests to Stooq until {}", limit.message(), limitedUntil);
                    yield new FetchOutcome.RateLimited(Optional.empty());
                }
            };
        } catch (StooqFormatException e) {
            String hint = properties.apiKey() == null
                    ? "; Stooq asks for an API key since 2026: set candlekeep.providers.stooq.api-key" : "";
            return new FetchOutcome.Failed("Stooq answered " + what + " with " + e.getMessage() + hint);
        }
    }

    /** Whether the calendar expects a daily bar in the range whose day is over by {@code now}. */
    private static boolean expectsFinishedDay(MarketCalendar calendar, Instant startInclusive, Instant endExclusive,
            Instant now) {
        for (long start : calendar.expectedStarts(Timeframe.D1, startInclusive, endExclusive)) {
            if (!calendar.barEnd(Timeframe.D1, Instant.ofEpochMilli(start)).isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The download's URI: {@code d1} and {@code d2} are the first and last dates of the range in the exchange's zone
     * (Stooq's dates are trading dates), inclusive both.
     */
    URI downloadUri(String stooq, Instant startInclusive, Instant endExclusive, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(startInclusive, zone);
        LocalDate last = LocalDate.ofInstant(endExclusive.minusNanos(1), zone);
        String key = properties.apiKey() == null ? "" : "&apikey=" + URLEncoder.encode(properties.apiKey(),
                StandardCharsets.UTF_8);
        return URI.create(base + "/q/d/l/?s=" + URLEncoder.encode(stooq, StandardCharsets.UTF_8) + "&i=d&d1="
                + first.format(DATE) + "&d2=" + last.format(DATE) + key);
    }

    /** Closes the HTTP client when this provider made it, waiting at most one request timeout for calls in flight. */
    @Override
    public void close() {
        if (ownsClient) {
            HttpExchanges.shutdown(http, properties.requestTimeout());
        }
    }
}
