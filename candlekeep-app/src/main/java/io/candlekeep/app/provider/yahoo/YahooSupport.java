package io.candlekeep.app.provider.yahoo;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;

/**
 * What the Yahoo chart and quote adapters share: lenient JSON reading. The deadline per exchange and closing the client
 * are {@link io.candlekeep.app.provider.HttpExchanges}, shared with the other adapters.
 */
final class YahooSupport {

    private YahooSupport() {
    }

    /** The text of a node, or null when it is missing or JSON null. */
    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** An IANA zone from Yahoo's {@code exchangeTimezoneName}, or null when absent or unknown. */
    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The first 60 characters of a body, for error messages. */
    static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }
}
