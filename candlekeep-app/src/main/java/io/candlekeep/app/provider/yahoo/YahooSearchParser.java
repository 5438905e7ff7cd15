package io.candlekeep.app.provider.yahoo;

import static io.candlekeep.app.provider.yahoo.YahooSupport.preview;
import static io.candlekeep.app.provider.yahoo.YahooSupport.text;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a {@code /v1/finance/search?q=...} body: {@code {"count":..,"quotes":[{"symbol":"AAPL","shortname":..,
 * "longname":..,"exchange":"NMS","exchDisp":"NASDAQ","quoteType":"EQUITY","typeDisp":"Equity",
 * "isYahooFinance":true,...}],"news":[...],...}}, or Yahoo's error form {@code {"finance":{"error":{...}}}}.
 * Thread-safe; no network.
 *
 * <p>An entry becomes a {@link Listing} only when Candlekeep could track it: it has a valid symbol, Yahoo quotes it
 * ({@code isYahooFinance} is not false: the other entries are companies without a listing), its {@code quoteType}
 * maps to an asset class ({@link YahooInstrument#assetClass}: not mutual funds, futures or options), and that class
 * fits the symbol's form ({@link Listing#fits}). The others are counted as skipped. A symbol listed twice is kept once.
 */
public final class YahooSearchParser {

    /** The usable listings in Yahoo's order, how many entries were skipped, or the error Yahoo reported instead. */
    public record Parsed(List<Listing> listings, int skipped, Optional<String> error) {
        public Parsed {
            listings = List.copyOf(listings);
            Objects.requireNonNull(error, "error");
        }
    }

    private final ObjectMapper mapper;

    public YahooSearchParser() {
        this(JsonMapper.builder().build());
    }

    public YahooSearchParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public Parsed parse(String body) {
        Objects.requireNonNull(body, "body");
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws YahooSearchFormatException when the body is not JSON or not a search response
     */
    public Parsed parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new YahooSearchFormatException("Malformed JSON in search body (" + body.length + " bytes, starting '"
                    + preview(body) + "'): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new YahooSearchFormatException("Search body is not a JSON object: '" + preview(body) + "'");
        }
        JsonNode quotes = root.get("quotes");
        if (quotes == null || quotes.isNull()) {
            JsonNode error = root.path("finance").get("error");
            if (error != null && error.isObject()) {
                String code = text(error.get("code"));
                String description = text(error.get("description"));
                return new Parsed(List.of(), 0, Optional.of((code == null ? "" : code)
                        + (description == null ? "" : ": " + description)));
            }
            throw new YahooSearchFormatException("Not a search body: top-level fields are " + root.propertyNames());
        }
        if (!quotes.isArray()) {
            throw new YahooSearchFormatException("quotes is not an array but " + quotes.getNodeType());
        }
        Map<Symbol, Listing> listings = new LinkedHashMap<>();
        int skipped = 0;
        for (JsonNode entry : quotes) {
            Optional<Listing> listing = listing(entry);
            if (listing.isEmpty() || listings.containsKey(listing.get().symbol())) {
                skipped++;
            } else {
                listings.put(listing.get().symbol(), listing.get());
            }
        }
        return new Parsed(new ArrayList<>(listings.values()), skipped, Optional.empty());
    }

    private static Optional<Listing> listing(JsonNode entry) {
        if (entry == null || !entry.isObject() || !entry.path("isYahooFinance").asBoolean(true)) {
            return Optional.empty();
        }
        String text = text(entry.get("symbol"));
        Symbol symbol;
        try {
            symbol = Symbol.of(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        YahooInstrument instrument = YahooInstrument.of(entry, "longname", "shortname", "exchange", "exchDisp",
                "quoteType");
        Optional<AssetClass> assetClass = instrument.assetClass();
        if (assetClass.isEmpty() || !Listing.fits(symbol, assetClass.get())) {
            return Optional.empty();
        }
        // the search names no currency or time zone; quotes and charts tell those later
        return Optional.of(instrument.toListing(symbol, null, null));
    }
}
