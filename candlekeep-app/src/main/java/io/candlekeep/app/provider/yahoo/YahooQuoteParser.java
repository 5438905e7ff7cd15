package io.candlekeep.app.provider.yahoo;

import static io.candlekeep.app.provider.yahoo.YahooSupport.preview;
import static io.candlekeep.app.provider.yahoo.YahooSupport.text;
import static io.candlekeep.app.provider.yahoo.YahooSupport.zone;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a {@code /v7/finance/quote} body: {@code {"quoteResponse":{"result":[...],"error":null}}}, or Yahoo's
 * error forms ({@code quoteResponse.error} or {@code finance.error}). Thread-safe; no network. Numbers may come
 * raw ({@code 244.6}) or formatted ({@code {"raw":244.6,"fmt":"244.60"}}).
 */
public final class YahooQuoteParser {

    /** The entries of one body, or the error Yahoo reported instead. */
    public record Parsed(List<YahooQuote> quotes, Optional<String> error) {
        public Parsed {
            quotes = List.copyOf(quotes);
        }
    }

    private final ObjectMapper mapper;

    public YahooQuoteParser() {
        this(JsonMapper.builder().build());
    }

    public YahooQuoteParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * @throws YahooQuoteFormatException when the body is not JSON or not a quote response
     */
    public Parsed parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new YahooQuoteFormatException("Malformed JSON in quote body (" + body.length + " bytes, starting '"
                    + preview(body) + "'): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new YahooQuoteFormatException("Quote body is not a JSON object: '" + preview(body) + "'");
        }
        JsonNode response = root.get("quoteResponse");
        if (response == null || !response.isObject()) {
            JsonNode finance = root.get("finance");
            if (finance != null && finance.path("error").isObject()) {
                return new Parsed(List.of(), Optional.of(error(finance.get("error"))));
            }
            throw new YahooQuoteFormatException("Not a v7 quote body: top-level fields are " + root.propertyNames());
        }
        JsonNode result = response.get("result");
        JsonNode error = response.get("error");
        if (result == null || result.isNull()) {
            if (error != null && error.isObject()) {
                return new Parsed(List.of(), Optional.of(error(error)));
            }
            throw new YahooQuoteFormatException("Quote body has neither a result nor an error");
        }
        if (!result.isArray()) {
            throw new YahooQuoteFormatException("quoteResponse.result is not an array but " + result.getNodeType());
        }
        List<YahooQuote> quotes = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            quotes.add(entry(result.get(i), i));
        }
        return new Parsed(quotes, error != null && error.isObject() ? Optional.of(error(error)) : Optional.empty());
    }

    public Parsed parse(String body) {
        Objects.requireNonNull(body, "body");
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static YahooQuote entry(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw new YahooQuoteFormatException("quoteResponse.result[" + index + "] is not an object: " + node);
        }
        String symbol = text(node.get("symbol"));
        if (symbol == null || symbol.isBlank()) {
            throw new YahooQuoteFormatException("quoteResponse.result[" + index + "] has no symbol");
        }
        OptionalDouble time = number(node, "regularMarketTime", symbol);
        return new YahooQuote(symbol,
                number(node, "regularMarketPrice", symbol),
                time.isPresent() ? Instant.ofEpochSecond(Math.round(time.getAsDouble())) : null,
                number(node, "regularMarketOpen", symbol),
                number(node, "regularMarketDayHigh", symbol),
                number(node, "regularMarketDayLow", symbol),
                number(node, "regularMarketVolume", symbol),
                number(node, "regularMarketPreviousClose", symbol),
                text(node.get("currency")),
                text(node.get("marketState")),
                zone(text(node.get("exchangeTimezoneName"))),
                YahooInstrument.of(node, "longName", "shortName", "exchange", "fullExchangeName", "quoteType"));
    }

    private static OptionalDouble number(JsonNode entry, String field, String symbol) {
        JsonNode v = entry.get(field);
        if (v != null && v.isObject()) {
            v = v.get("raw");
        }
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw new YahooQuoteFormatException(field + " of '" + symbol + "' is not a number: " + v);
        }
        double d = v.asDouble();
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    private static String error(JsonNode error) {
        String code = text(error.get("code"));
        String description = text(error.get("description"));
        return (code == null ? "" : code) + (description == null ? "" : ": " + description);
    }



}
