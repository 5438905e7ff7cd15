package io.candlekeep.app.provider.yahoo;

import static io.candlekeep.app.provider.yahoo.YahooSupport.preview;
import static io.candlekeep.app.provider.yahoo.YahooSupport.text;
import static io.candlekeep.app.provider.yahoo.YahooSupport.zone;

import io.candlekeep.core.provider.CorporateAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a {@code /v8/finance/chart/{symbol}} body into a {@link YahooChart}, or a {@link YahooChartError}
 * for Yahoo's error form. Thread-safe; no network. Numbers are accepted in integer and decimal form (recorded
 * bodies may carry {@code 236} where Yahoo sent {@code 236.0}).
 */
public final class YahooChartParser {

    private final ObjectMapper mapper;

    public YahooChartParser() {
        this(JsonMapper.builder().build());
    }

    public YahooChartParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * @throws YahooChartFormatException when the body is not JSON or not a chart response
     */
    public YahooChartResponse parse(String body) {
        Objects.requireNonNull(body, "body");
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws YahooChartFormatException when the body is not JSON or not a chart response
     */
    public YahooChartResponse parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new YahooChartFormatException("Malformed JSON in chart body (" + body.length + " bytes, starting '"
                    + preview(body) + "'): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new YahooChartFormatException("Chart body is not a JSON object: '" + preview(body) + "'");
        }
        JsonNode chart = root.get("chart");
        if (chart == null || !chart.isObject()) {
            throw new YahooChartFormatException("Not a v8 chart body: top-level fields are " + root.propertyNames());
        }
        JsonNode result = chart.get("result");
        JsonNode error = chart.get("error");
        boolean hasResult = result != null && result.isArray() && !result.isEmpty();
        if (!hasResult) {
            if (error != null && error.isObject()) {
                return new YahooChartError(text(error.get("code")), text(error.get("description")));
            }
            throw new YahooChartFormatException("Chart body has neither a result nor an error: chart.result is "
                    + (result == null ? "missing" : result.toString()));
        }
        return parseResult(result.get(0));
    }

    private YahooChart parseResult(JsonNode result) {
        if (!result.isObject()) {
            throw new YahooChartFormatException("chart.result[0] is not an object but " + result.getNodeType());
        }
        JsonNode meta = result.path("meta");
        String symbol = text(meta.get("symbol"));
        String currency = text(meta.get("currency"));
        String granularity = text(meta.get("dataGranularity"));
        ZoneId zone = zone(text(meta.get("exchangeTimezoneName")));

        long[] timestamps = timestamps(result.get("timestamp"));
        int n = timestamps.length;
        JsonNode quote = first(result.path("indicators").get("quote"));
        double[] open = values(quote, "open", n);
        double[] high = values(quote, "high", n);
        double[] low = values(quote, "low", n);
        double[] close = values(quote, "close", n);
        double[] volume = values(quote, "volume", n);
        JsonNode adj = first(result.path("indicators").get("adjclose"));
        double[] adjClose = adj != null && adj.has("adjclose") ? values(adj, "adjclose", n) : null;
        List<CorporateAction> actions = actions(result.get("events"));
        YahooInstrument instrument = YahooInstrument.of(meta, "longName", "shortName", "exchangeName", "fullExchangeName",
                "instrumentType");
        return new YahooChart(symbol, currency, zone, granularity, timestamps, open, high, low, close, volume, adjClose,
                actions, instrument);
    }

    private static long[] timestamps(JsonNode node) {
        if (node == null || node.isNull()) {
            return new long[0];
        }
        if (!node.isArray()) {
            throw new YahooChartFormatException("timestamp is not an array but " + node.getNodeType());
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode t = node.get(i);
            if (t == null || !t.isNumber()) {
                throw new YahooChartFormatException("timestamp[" + i + "] is not a number: " + t);
            }
            out[i] = toLong(t);
        }
        return out;
    }

    private static double[] values(JsonNode quote, String field, int n) {
        JsonNode array = quote == null ? null : quote.get(field);
        double[] out = new double[n];
        if (array == null || array.isNull()) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        if (!array.isArray()) {
            throw new YahooChartFormatException(field + " is not an array but " + array.getNodeType());
        }
        if (array.size() != n) {
            throw new YahooChartFormatException(field + " has " + array.size() + " values but there are " + n
                    + " timestamps");
        }
        for (int i = 0; i < n; i++) {
            JsonNode v = array.get(i);
            if (v == null || v.isNull()) {
                out[i] = Double.NaN;
            } else if (v.isNumber()) {
                out[i] = v.asDouble();
            } else {
                throw new YahooChartFormatException(field + "[" + i + "] is not a number: " + v);
            }
        }
        return out;
    }

    private static List<CorporateAction> actions(JsonNode events) {
        if (events == null || !events.isObject()) {
            return List.of();
        }
        List<CorporateAction> out = new ArrayList<>();
        JsonNode dividends = events.get("dividends");
        if (dividends != null && dividends.isObject()) {
            for (Map.Entry<String, JsonNode> e : dividends.properties()) {
                JsonNode amount = e.getValue().get("amount");
                if (amount == null || !amount.isNumber()) {
                    throw new YahooChartFormatException("Dividend " + e.getKey() + " has no numeric amount: " + e.getValue());
                }
                out.add(new CorporateAction.Dividend(eventDate(e.getKey(), e.getValue()), amount.asDouble()));
            }
        }
        JsonNode splits = events.get("splits");
        if (splits != null && splits.isObject()) {
            for (Map.Entry<String, JsonNode> e : splits.properties()) {
                out.add(split(e.getKey(), e.getValue()));
            }
        }
        out.sort(Comparator.comparing(CorporateAction::date));
        return out;
    }

    private static CorporateAction.Split split(String key, JsonNode node) {
        Instant date = eventDate(key, node);
        JsonNode num = node.get("numerator");
        JsonNode den = node.get("denominator");
        if (num != null && num.isNumber() && den != null && den.isNumber() && den.asDouble() != 0) {
            return new CorporateAction.Split(date, num.asDouble(), den.asDouble());
        }
        // Older bodies carry only "splitRatio", as "4:1" or "4/1".
        String ratio = text(node.get("splitRatio"));
        if (ratio != null) {
            String[] parts = ratio.split("[:/]");
            if (parts.length == 2) {
                try {
                    double n = Double.parseDouble(parts[0].trim());
                    double d = Double.parseDouble(parts[1].trim());
                    if (n > 0 && d > 0) {
                        return new CorporateAction.Split(date, n, d);
                    }
                } catch (NumberFormatException ignored) {
                    // falls through to the exception below, which quotes the node
                }
            }
        }
        throw new YahooChartFormatException("Split " + key + " has no usable ratio: " + node);
    }

    private static Instant eventDate(String key, JsonNode node) {
        JsonNode date = node.get("date");
        if (date != null && date.isNumber()) {
            return Instant.ofEpochSecond(toLong(date));
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(key));
        } catch (NumberFormatException e) {
            throw new YahooChartFormatException("Event " + key + " has no date: " + node, e);
        }
    }

    private static JsonNode first(JsonNode array) {
        return array != null && array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

    private static long toLong(JsonNode number) {
        return number.isIntegralNumber() && number.canConvertToLong() ? number.longValue() : Math.round(number.asDouble());
    }



}
