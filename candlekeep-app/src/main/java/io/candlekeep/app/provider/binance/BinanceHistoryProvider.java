package io.candlekeep.app.provider.binance;

import io.candlekeep.app.provider.HttpExchanges;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Historical crypto bars from Binance's spot {@code GET /api/v3/klines}: 15m, 1h, 4h and 1d natively, on the UTC epoch
 * grid, with no lookback limit. Binance answers at most {@value #MAX_KLINES_PER_REQUEST} klines a request, so the
 * capabilities state that span as the widest range and a wider request is fetched page by page. The newest kline,
 * whose period has not ended by the injected clock's now, is marked not final.
 *
 * <p>Binance enforces a weight budget per IP and minute rather than a request rate, and bans an IP that keeps going
 * after a 429. So before each request the {@link BinanceWeightGate} checks the weight Binance last reported
 * ({@code X-MBX-USED-WEIGHT-1M}); near the budget the answer is {@code RateLimited} with the time left in the minute,
 * and nothing is sent. A 429 or 418 is {@code RateLimited} with its {@code Retry-After}, and no request goes out until
 * that has passed. Retries, the local request rate and the circuit breaker belong to {@code ResilientHistoryProvider}
 * around it. Never throws for anything Binance or the network does.
 */
public final class BinanceHistoryProvider implements HistoryProvider, AutoCloseable {

    public static final String NAME = "binance";
    /** Binance's maximum {@code limit} for klines. */
    public static final int MAX_KLINES_PER_REQUEST = 1000;
    /** The weight of one klines request, whatever its limit (2 since 2023-08-25). */
    static final int KLINES_WEIGHT = 2;
    static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";
    /** The shortest IP ban Binance gives, assumed when a 418 comes without {@code Retry-After}. */
    static final Duration SHORTEST_BAN = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(BinanceHistoryProvider.class);

    private final BinanceProperties properties;
    private final HttpClient http;
    private final boolean ownsClient;
    private final BinanceKlinesParser parser;
    private final Clock clock;
    private final BinanceWeightGate gate;
    private final ProviderCapabilities capabilities;
    private final String base;

    /** A provider with its own {@link HttpClient}, closed by {@link #close()}. */
    public BinanceHistoryProvider(BinanceProperties properties, Clock clock) {
        this(properties, HttpExchanges.clientBuilder(properties.connectTimeout()).build(), true, new BinanceKlinesParser(), clock);
    }

    /** A provider on a caller-owned {@link HttpClient}; its connect timeout is the client's business. */
    public BinanceHistoryProvider(BinanceProperties properties, HttpClient httpClient, BinanceKlinesParser parser,
            Clock clock) {
        this(properties, httpClient, false, parser, clock);
    }

    private BinanceHistoryProvider(BinanceProperties properties, HttpClient httpClient, boolean ownsClient,
            BinanceKlinesParser parser, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(httpClient, "httpClient");
        this.ownsClient = ownsClient;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gate = new BinanceWeightGate(properties.weightBudgetPerMinute());
        this.capabilities = capabilities(properties.requestsPerSecond());
        String url = properties.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Binance's reach: crypto only, every timeframe native, no lookback limit, 1000 bars a request. */
    public static ProviderCapabilities capabilities(double requestsPerSecond) {
        Map<Timeframe, Duration> maxRange = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            maxRange.put(tf, tf.duration().multipliedBy(MAX_KLINES_PER_REQUEST));
        }
        return new ProviderCapabilities(Set.of(AssetClass.CRYPTO), EnumSet.allOf(Timeframe.class), Map.of(), maxRange,
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
     * @throws IllegalArgumentException for an empty or reversed range: the caller's mistake, not a provider fault
     */
    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        Optional<FetchOutcome> refused = capabilities.refusal("Binance", symbol, timeframe, startInclusive, endExclusive);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> pair = BinanceSymbols.findBinance(symbol);
        if (pair.isEmpty()) {
            return new FetchOutcome.NotFound("'" + symbol + "' has no Binance symbol");
        }
        String what = "'" + symbol + "' (" + pair.get() + ") " + timeframe + " in [" + startInclusive + ", "
                + endExclusive + ")";
        long end = ceilMillis(endExclusive);
        long pageSpan = timeframe.millis() * MAX_KLINES_PER_REQUEST;
        TreeMap<Long, Bar> bars = new TreeMap<>();
        int dropped = 0;
        for (long cursor = ceilMillis(startInclusive); cursor < end; ) {
            long pageEnd = Math.min(end, cursor + pageSpan);
            Page page = page(pair.get(), timeframe, cursor, pageEnd, what);
            if (page.answer() != null) {
                // a later page that fails fails the whole range: the earlier pages alone would read as holes
                return page.answer();
            }
            Instant now = clock.instant();
            for (BinanceKline kline : page.klines()) {
                Instant start = kline.openTime();
                Optional<Bar> bar = start.isBefore(startInclusive) || !start.isBefore(endExclusive) ? Optional.empty()
                        : BinanceBarMapper.toBar(kline, timeframe, BinanceBarMapper.hasEnded(timeframe, start, now));
                if (bar.isPresent()) {
                    bars.put(bar.get().startMillis(), bar.get());
                } else {
                    dropped++;
                    log.debug("[BINANCE] {}: dropped kline {}: off the {} grid, outside the range or not a bar", what,
                            kline, timeframe);
                }
            }
            cursor = pageEnd;
        }
        if (bars.isEmpty()) {
            return new FetchOutcome.NoData("Binance has no klines for " + what
                    + (dropped > 0 ? " (" + dropped + " dropped)" : ""));
        }
        if (dropped > 0) {
            log.debug("[BINANCE] {}: {} bars kept, {} klines dropped", what, bars.size(), dropped);
        }
        return new FetchOutcome.Fetched(new ArrayList<>(bars.values()), List.of());
    }

    /** One request's klines, or the answer that ends the fetch ({@code answer} not null). */
    private record Page(List<BinanceKline> klines, FetchOutcome answer) {
        static Page stop(FetchOutcome answer) {
            return new Page(List.of(), answer);
        }
    }

    private Page page(String pair, Timeframe timeframe, long startMillis, long endMillis, String what) {
        Optional<Duration> wait = gate.tryReserve(KLINES_WEIGHT, clock.instant());
        if (wait.isPresent()) {
            log.debug("[BINANCE] not asking for {}: weight {} of {} used this minute or Retry-After pending; {} left",
                    what, gate.used(clock.instant()), properties.weightBudgetPerMinute(), wait.get());
            return Page.stop(new FetchOutcome.RateLimited(wait));
        }
        URI uri = klinesUri(pair, timeframe, startMillis, endMillis);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpExchanges.send(http, request, properties.connectTimeout().plus(properties.requestTimeout()));
        } catch (HttpTimeoutException e) {
            return Page.stop(new FetchOutcome.Failed("Binance did not answer " + what + " in time (connect "
                    + properties.connectTimeout() + ", request " + properties.requestTimeout() + ")", e));
        } catch (IOException e) {
            return Page.stop(new FetchOutcome.Failed("Binance request for " + what + " failed: " + e, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Page.stop(new FetchOutcome.Failed("Interrupted while fetching " + what + " from Binance", e));
        }
        usedWeight(response).ifPresent(used -> gate.observeUsed(used, clock.instant()));
        Page page = toPage(response, timeframe, what);
        log.debug("[BINANCE] GET {} -> HTTP {}, {}", uri, response.statusCode(),
                page.answer() == null ? page.klines().size() + " klines" : page.answer());
        return page;
    }

    private Page toPage(HttpResponse<byte[]> response, Timeframe timeframe, String what) {
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (status == 429 || status == 418) {
            Instant now = clock.instant();
            Optional<Duration> retryAfter = HttpExchanges.retryAfter(response.headers(), now);
            Duration wait = retryAfter.orElse(status == 418 ? SHORTEST_BAN : BinanceWeightGate.untilNextMinute(now));
            gate.closeFor(wait, now);
            if (status == 418) {
                log.warn("[BINANCE] this IP is banned (HTTP 418) for {}; no request until then", wait);
            } else {
                log.info("[BINANCE] rate limited (HTTP 429) asking for {}; no request for {}", what, wait);
            }
            return Page.stop(new FetchOutcome.RateLimited(Optional.of(wait)));
        }
        if (status == 200) {
            List<BinanceKline> klines;
            try {
                klines = parser.parseKlines(body);
            } catch (BinanceFormatException e) {
                return Page.stop(new FetchOutcome.Failed("Malformed Binance klines for " + what + ": " + e.getMessage(), e));
            }
            for (BinanceKline kline : klines) {
                if (!BinanceBarMapper.spans(kline, timeframe)) {
                    return Page.stop(new FetchOutcome.Failed("Binance answered " + what + " with klines of "
                            + Duration.ofMillis(kline.spanMillis()) + " instead of " + timeframe.duration()));
                }
            }
            return new Page(klines, null);
        }
        Optional<BinanceError> error = parser.findError(body);
        if (error.isPresent() && error.get().isInvalidSymbol()) {
            return Page.stop(new FetchOutcome.NotFound("Binance does not list " + what + ": " + error.get()));
        }
        // a 5xx: Binance says its outcome is unknown, which for a read only means asking again later
        return Page.stop(new FetchOutcome.Failed("Binance answered HTTP " + status + " for " + what
                + error.map(e -> ": " + e).orElse("") + (status == 403 ? " (refused by Binance's WAF)" : "")));
    }

    private static OptionalInt usedWeight(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue(USED_WEIGHT_HEADER);
        if (header.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(header.get().trim()));
        } catch (NumberFormatException e) {
            log.debug("[BINANCE] unreadable {} '{}'", USED_WEIGHT_HEADER, header.get());
            return OptionalInt.empty();
        }
    }

    /** The request URI; Binance's {@code endTime} is inclusive, so it is the last millisecond before {@code endMillis}. */
    URI klinesUri(String pair, Timeframe timeframe, long startMillis, long endMillis) {
        return URI.create(base + "/api/v3/klines?symbol=" + pair + "&interval=" + BinanceBarMapper.interval(timeframe)
                + "&startTime=" + startMillis + "&endTime=" + (endMillis - 1) + "&limit=" + MAX_KLINES_PER_REQUEST);
    }

    /** Epoch milliseconds rounded up, so a bar starting on a whole millisecond compares as with the instant. */
    private static long ceilMillis(Instant t) {
        long millis = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? millis : millis + 1;
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
