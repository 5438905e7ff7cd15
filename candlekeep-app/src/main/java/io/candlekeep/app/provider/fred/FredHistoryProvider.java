package io.candlekeep.app.provider.fred;

import io.candlekeep.app.macro.MacroSeries;
import io.candlekeep.app.provider.HttpExchanges;
import io.candlekeep.core.calendar.Frequency;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Macro series from FRED (api.stlouisfed.org): {@code FRED:CPILFESL} is FRED's series {@code CPILFESL}, one daily bar
 * per observation at 00:00 UTC of its date (open = high = low = close = the value, volume 0), from
 * {@code fred/series/observations}. A missing observation ({@code "."}) is no bar. A bar is final once the period it
 * stands for has ended; FRED revises history, and a later fetch of the same dates replaces the stored values.
 *
 * <p>The first fetch of a series in this process first asks {@code fred/series} for its description, so its native
 * frequency is known (and announced to {@code learned}) before any gap is judged on its calendar. So a fetch takes at
 * most {@value #REQUESTS_PER_FETCH} requests, and the capabilities' request rate is half the requests a minute allowed.
 * FRED answers at most 100,000 observations a request: the widest range, a century, holds fewer. Only 1d is served.
 *
 * <p>Rate limiting, retries and the circuit breaker belong to {@code ResilientHistoryProvider} around it. Never throws
 * for anything FRED or the network does; the API key never appears in a log line or an outcome.
 */
public final class FredHistoryProvider implements HistoryProvider, AutoCloseable {

    public static final String NAME = "fred";
    /** The symbol prefix of FRED's series: {@code FRED:DGS10}. */
    public static final String PREFIX = "FRED:";
    /** The series description once per series and process, then the observations. */
    static final int REQUESTS_PER_FETCH = 2;
    static final Duration MAX_RANGE = Duration.ofDays(36_525);

    /** FRED's series ids: upper-case letters, digits and underscores. */
    private static final Pattern SERIES_ID = Pattern.compile("[A-Z0-9_]{1,27}");
    private static final Logger log = LoggerFactory.getLogger(FredHistoryProvider.class);

    private final FredProperties properties;
    private final HttpClient http;
    private final boolean ownsClient;
    private final FredParser parser;
    private final Clock clock;
    private final Consumer<MacroSeries> learned;
    private final ProviderCapabilities capabilities;
    private final String base;
    /** The frequency of each series described in this process (empty: FRED's has no calendar here). */
    private final Map<String, Optional<Frequency>> described = new ConcurrentHashMap<>();
    private final AtomicBoolean keyRefusedLogged = new AtomicBoolean();

    /**
     * A provider with its own {@link HttpClient}, closed by {@link #close()}.
     *
     * @param learned told each series' description the first time it is fetched
     */
    public FredHistoryProvider(FredProperties properties, Clock clock, Consumer<MacroSeries> learned) {
        this(properties, HttpExchanges.clientBuilder(properties.connectTimeout()).build(), true, new FredParser(), clock,
                learned);
    }

    /** A provider on a caller-owned {@link HttpClient}; its connect timeout is the client's business. */
    public FredHistoryProvider(FredProperties properties, HttpClient httpClient, FredParser parser, Clock clock,
            Consumer<MacroSeries> learned) {
        this(properties, httpClient, false, parser, clock, learned);
    }

    private FredHistoryProvider(FredProperties properties, HttpClient httpClient, boolean ownsClient, FredParser parser,
            Clock clock, Consumer<MacroSeries> learned) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(httpClient, "httpClient");
        this.ownsClient = ownsClient;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.learned = Objects.requireNonNull(learned, "learned");
        this.capabilities = capabilities(properties.requestsPerMinute());
        String url = properties.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** FRED's reach: macro series in 1d, no lookback limit, a century a request, {@code requestsPerMinute} requests. */
    public static ProviderCapabilities capabilities(int requestsPerMinute) {
        return new ProviderCapabilities(Set.of(AssetClass.MACRO), Set.of(Timeframe.D1), Map.of(),
                Map.of(Timeframe.D1, MAX_RANGE), requestsPerMinute / 60.0 / REQUESTS_PER_FETCH);
    }

    /** FRED's id of {@code symbol}, {@code CPILFESL} for {@code FRED:CPILFESL}; empty when it cannot be one. */
    public static Optional<String> seriesId(Symbol symbol) {
        String s = symbol.value();
        if (!s.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = s.substring(PREFIX.length());
        return SERIES_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
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
     * @throws IllegalArgumentException for a timeframe other than 1d or an empty or reversed range: the caller's
     *                                  mistakes, not provider faults
     */
    @Override
    public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        Optional<FetchOutcome> refused = capabilities.refusal("FRED", symbol, timeframe, startInclusive, endExclusive);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> id = seriesId(symbol);
        if (id.isEmpty()) {
            return new FetchOutcome.NotFound("'" + symbol + "' is no FRED series id: use FRED: and FRED's id, such as "
                    + "FRED:CPILFESL");
        }
        Optional<String> keyProblem = properties.findKeyProblem();
        if (keyProblem.isPresent()) {
            return new FetchOutcome.Failed(keyProblem.get());
        }
        String what = "'" + symbol + "' 1d in [" + startInclusive + ", " + endExclusive + ")";
        Optional<Frequency> frequency = described.get(id.get());
        if (frequency == null) {
            Answer answer = get(seriesUri(id.get()), "the description of " + symbol);
            if (answer.outcome() != null) {
                return answer.outcome();
            }
            FredSeries series;
            try {
                series = parser.parseSeries(answer.body());
            } catch (FredFormatException e) {
                return failed("Malformed FRED description of " + symbol + ": " + e.getMessage()).outcome();
            }
            frequency = FredFrequencies.of(series.frequency(), series.frequencyShort());
            announce(new MacroSeries(symbol, frequency, series.title(), series.units(), series.lastUpdated()), id.get(),
                    series.frequency());
        }
        LocalDate first = firstDate(startInclusive);
        LocalDate last = LocalDate.ofInstant(endExclusive.minusMillis(1), ZoneOffset.UTC);
        if (first.isAfter(last)) {
            return new FetchOutcome.NoData("No observation date lies in " + what);
        }
        Answer answer = get(observationsUri(id.get(), first, last), what);
        if (answer.outcome() != null) {
            return answer.outcome();
        }
        FredObservations observations;
        try {
            observations = parser.parseObservations(answer.body());
        } catch (FredFormatException e) {
            return failed("Malformed FRED observations for " + what + ": " + e.getMessage()).outcome();
        }
        if (!observations.isComplete()) {
            // the rest would read as holes
            return new FetchOutcome.Failed("FRED answered " + observations.observations().size() + " of "
                    + observations.count() + " observations for " + what);
        }
        FetchOutcome outcome = toOutcome(observations, frequency, startInclusive, endExclusive, what);
        log.debug("[FRED] {}: {} observations, {} missing ('.'), {}", what, observations.observations().size(),
                observations.missing(), outcome.getClass().getSimpleName());
        return outcome;
    }

    private void announce(MacroSeries series, String id, String fredFrequency) {
        try {
            learned.accept(series);
        } catch (RuntimeException e) {
            // asked again on the next fetch; the bars need not wait for it
            log.warn("[FRED] the description of {} ({}) was not kept: {}", series.symbol(), fredFrequency, e.toString());
            return;
        }
        described.put(id, series.frequency());
    }

    private FetchOutcome toOutcome(FredObservations observations, Optional<Frequency> frequency, Instant startInclusive,
            Instant endExclusive, String what) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        TreeMap<Long, Bar> bars = new TreeMap<>();
        for (FredObservation o : observations.observations()) {
            Instant start = o.date().atStartOfDay(ZoneOffset.UTC).toInstant();
            if (start.isBefore(startInclusive) || !start.isBefore(endExclusive)) {
                continue;
            }
            LocalDate periodEnd = frequency.map(f -> f.periodEnd(o.date())).orElse(o.date().plusDays(1));
            double v = o.value();
            bars.put(start.toEpochMilli(), Bar.of(start, v, v, v, v, 0, !periodEnd.isAfter(today)));
        }
        if (bars.isEmpty()) {
            return new FetchOutcome.NoData("FRED has no observations for " + what
                    + (observations.missing() > 0 ? " (" + observations.missing() + " missing)" : ""));
        }
        return new FetchOutcome.Fetched(new ArrayList<>(bars.values()), List.of());
    }

    /** One request's body (HTTP 200), or the outcome that ends the fetch ({@code outcome} not null). */
    private record Answer(byte[] body, FetchOutcome outcome) {
    }

    private Answer get(URI uri, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpExchanges.send(http, request, properties.connectTimeout().plus(properties.requestTimeout()));
        } catch (HttpTimeoutException e) {
            return failed("FRED did not answer " + what + " in time (connect " + properties.connectTimeout()
                    + ", request " + properties.requestTimeout() + ")");
        } catch (IOException e) {
            // no cause attached: a JDK message may quote the request's address, key included
            return failed("FRED request for " + what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("Interrupted while asking FRED for " + what);
        }
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        log.debug("[FRED] GET {} -> HTTP {}", redacted(uri), status);
        if (status == 200) {
            return new Answer(body, null);
        }
        if (status == 429) {
            return new Answer(null, new FetchOutcome.RateLimited(HttpExchanges.retryAfter(response.headers(),
                    clock.instant())));
        }
        Optional<FredError> error = parser.findError(body);
        if (error.isPresent() && error.get().isSeriesMissing()) {
            return new Answer(null, new FetchOutcome.NotFound("FRED has no such series: " + error.get().message()));
        }
        if (error.isPresent() && error.get().isKeyRefused() && keyRefusedLogged.compareAndSet(false, true)) {
            log.warn("[FRED] FRED refused the API key ({}): set a valid CANDLEKEEP_FRED_API_KEY",
                    properties.redact(error.get().message()));
        }
        return failed("FRED answered HTTP " + status + " for " + what + error.map(e -> ": " + e).orElse(""));
    }

    private Answer failed(String reason) {
        return new Answer(null, new FetchOutcome.Failed(properties.redact(reason)));
    }

    URI seriesUri(String id) {
        return URI.create(base + "/fred/series?series_id=" + id + "&api_key=" + properties.findApiKey().orElse("")
                + "&file_type=json");
    }

    /** FRED's {@code observation_end} is inclusive. */
    URI observationsUri(String id, LocalDate firstInclusive, LocalDate lastInclusive) {
        return URI.create(base + "/fred/series/observations?series_id=" + id + "&api_key="
                + properties.findApiKey().orElse("") + "&file_type=json&observation_start=" + firstInclusive
                + "&observation_end=" + lastInclusive);
    }

    private String redacted(URI uri) {
        return properties.redact(uri.toString());
    }

    /** The first date whose 00:00 UTC is at or after {@code t}. */
    private static LocalDate firstDate(Instant t) {
        LocalDate date = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(t) ? date.plusDays(1) : date;
    }

    /** Closes the HTTP client when this provider made it, waiting at most one request timeout for calls in flight. */
    @Override
    public void close() {
        if (ownsClient) {
            HttpExchanges.shutdown(http, properties.requestTimeout());
        }
    }
}
