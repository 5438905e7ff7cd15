package io.candlekeep.app.provider.binance;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a text frame of Binance's market stream: a combined-stream envelope {@code {"stream":..,"data":{..}}} or a
 * raw event, a subscription reply, or a server-shutdown notice. Thread-safe; no network; knows no timeframe, so the
 * recorded 1m and 1M frames prove the same shape as a 15m one.
 */
public final class BinanceStreamParser {

    private final ObjectMapper mapper;

    public BinanceStreamParser() {
        this(JsonMapper.builder().build());
    }

    public BinanceStreamParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * @throws BinanceFormatException when the frame is not JSON, not an object, none of the known frames, or a kline
     *                                event whose fields do not fit
     */
    public BinanceStreamFrame parse(String text) {
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new BinanceFormatException("Malformed JSON in stream frame '" + preview(text) + "': "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BinanceFormatException("Stream frame is not a JSON object: '" + preview(text) + "'");
        }
        if (root.has("id") && (root.has("result") || root.has("error") || root.has("code"))) {
            return reply(root);
        }
        JsonNode data = root.get("data");
        String stream = null;
        JsonNode event = root;
        if (data != null && data.isObject()) {
            event = data;
            JsonNode s = root.get("stream");
            stream = s != null && s.isString() ? s.asString() : null;
        }
        JsonNode e = event.get("e");
        if (e == null || !e.isString()) {
            throw new BinanceFormatException("Stream frame is neither an event nor a reply: '" + preview(text) + "'");
        }
        return switch (e.asString()) {
            case "kline" -> kline(stream, event);
            case "serverShutdown" -> new BinanceStreamFrame.ServerShutdown(longOf(event, "E", "event time"));
            default -> new BinanceStreamFrame.OtherEvent(e.asString());
        };
    }

    private static BinanceStreamFrame.Reply reply(JsonNode root) {
        JsonNode id = root.get("id");
        Long number = id != null && id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : null;
        // errors come as {"code":2,"msg":"Invalid request: ...","id":1}, or wrapped in an "error" object
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            return new BinanceStreamFrame.Reply(number, error.toString());
        }
        JsonNode code = root.get("code");
        if (code != null && !code.isNull()) {
            JsonNode msg = root.get("msg");
            return new BinanceStreamFrame.Reply(number, code + (msg == null || msg.isNull() ? "" : " " + msg.asString()));
        }
        return new BinanceStreamFrame.Reply(number, null);
    }

    private static BinanceStreamFrame.KlineEvent kline(String stream, JsonNode event) {
        JsonNode k = event.get("k");
        if (k == null || !k.isObject()) {
            throw new BinanceFormatException("kline event without a 'k' object: " + event);
        }
        JsonNode closed = k.get("x");
        if (closed == null || !closed.isBoolean()) {
            throw new BinanceFormatException("kline event whose 'k.x' is not a boolean: " + k);
        }
        BinanceKline kline = new BinanceKline(
                longOf(k, "t", "open time"),
                BinanceKlinesParser.number(k.get("o"), "k.o"),
                BinanceKlinesParser.number(k.get("h"), "k.h"),
                BinanceKlinesParser.number(k.get("l"), "k.l"),
                BinanceKlinesParser.number(k.get("c"), "k.c"),
                BinanceKlinesParser.number(k.get("v"), "k.v"),
                longOf(k, "T", "close time"),
                longOf(k, "n", "trades"));
        return new BinanceStreamFrame.KlineEvent(stream, textOf(k, "s"), textOf(k, "i"), longOf(event, "E", "event time"),
                kline, closed.booleanValue());
    }

    private static long longOf(JsonNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BinanceFormatException("Stream field '" + field + "' (" + what + ") is not an integer: " + v);
        }
        return v.longValue();
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new BinanceFormatException("Stream field '" + field + "' is not a text: " + v);
        }
        return v.asString();
    }

    private static String preview(String text) {
        return text.substring(0, Math.min(60, text.length())).replaceAll("\\s+", " ");
    }
}
