package io.candlekeep.app.live;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One quote as a JSON item of a {@code live_quotes} notification: {@code {"symbol":"AAPL","price":189.5,
 * "time":"2026-03-02T15:30:00.123Z",...}}, unknown fields left out. A quote arrives as it was fetched, to the
 * nanosecond of its time.
 */
public final class QuoteJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QuoteJson() {
    }

    static String of(Quote q) {
        return JSON.writeValueAsString(node(q));
    }

    /** The quote's fields as a JSON object, for the stream's messages too. */
    public static ObjectNode node(Quote q) {
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

    static Quote quote(JsonNode q) {
        return new Quote(Symbol.of(q.get("symbol").asString()), q.get("price").asDouble(),
                Instant.parse(q.get("time").asString()), optional(q, "day_open"), optional(q, "day_high"),
                optional(q, "day_low"), optional(q, "day_volume").orElse(Double.NaN), optional(q, "previous_close"),
                text(q, "currency"), text(q, "market_state"));
    }

    private static OptionalDouble optional(JsonNode q, String field) {
        JsonNode v = q.get(field);
        return v == null || v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
    }

    private static String text(JsonNode q, String field) {
        JsonNode v = q.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
