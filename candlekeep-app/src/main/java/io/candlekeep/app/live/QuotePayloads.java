package io.candlekeep.app.live;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Quotes as the payloads of {@code live_quotes} notifications: {@code {"origin":"..","quotes":[{"symbol":"AAPL",
 * "price":189.5,"time":"2026-03-02T15:30:00Z",...}]}}, unknown fields left out, split so that each payload fits one
 * notification. A quote arrives as it was fetched, to the nanosecond of its time.
 */
final class QuotePayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One payload: which instance sent it and its quotes. */
    record Received(String origin, List<Quote> quotes) {
    }

    private QuotePayloads() {
    }

    /** As few payloads as hold {@code quotes}, each at most {@code maxBytes} in UTF-8, quotes in their order. */
    static List<String> encode(String origin, List<Quote> quotes, int maxBytes) {
        String head = "{\"origin\":" + JSON.writeValueAsString(origin) + ",\"quotes\":[";
        String tail = "]}";
        int frame = utf8(head) + utf8(tail);
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder(head);
        int bytes = frame;
        int count = 0;
        for (Quote q : quotes) {
            String item = JSON.writeValueAsString(node(q));
            int itemBytes = utf8(item);
            if (frame + itemBytes > maxBytes) {
                throw new IllegalArgumentException("Quote of '" + q.symbol() + "' needs " + (frame + itemBytes)
                        + " bytes, more than one payload of " + maxBytes + " holds");
            }
            if (count > 0 && bytes + 1 + itemBytes > maxBytes) {
                payloads.add(current.append(tail).toString());
                current = new StringBuilder(head);
                bytes = frame;
                count = 0;
            }
            if (count > 0) {
                current.append(',');
                bytes++;
            }
            current.append(item);
            bytes += itemBytes;
            count++;
        }
        if (count > 0) {
            payloads.add(current.append(tail).toString());
        }
        return payloads;
    }

    static Received decode(String payload) {
        JsonNode root = JSON.readTree(payload);
        List<Quote> quotes = new ArrayList<>();
        for (JsonNode q : root.get("quotes")) {
            quotes.add(new Quote(Symbol.of(q.get("symbol").asString()), q.get("price").asDouble(),
                    Instant.parse(q.get("time").asString()), optional(q, "day_open"), optional(q, "day_high"),
                    optional(q, "day_low"), optional(q, "day_volume").orElse(Double.NaN),
                    optional(q, "previous_close"), text(q, "currency"), text(q, "market_state")));
        }
        return new Received(root.get("origin").asString(), quotes);
    }

    private static ObjectNode node(Quote q) {
        ObjectNode n = JSON.createObjectNode();
        n.put("symbol", q.symbol().value());
        n.put("price", q.price());
        n.put("time", q.time().toString());
        q.dayOpen().ifPresent(v -> n.put("day_open", v));
        q.dayHigh().ifPresent(v -> n.put("day_high", v));
        q.dayLow().ifPresent(v -> n.put("day_low", v));
        q.findDayVolume().ifPresent(v -> n.put("day_volume", v));
        q.previousClose().ifPresent(v -> n.put("previous_close", v));
        if (q.currency() != null) {
            n.put("currency", q.currency());
        }
        if (q.marketState() != null) {
            n.put("market_state", q.marketState());
        }
        return n;
    }

    private static OptionalDouble optional(JsonNode q, String field) {
        JsonNode v = q.get(field);
        return v == null || v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
    }

    private static String text(JsonNode q, String field) {
        JsonNode v = q.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
