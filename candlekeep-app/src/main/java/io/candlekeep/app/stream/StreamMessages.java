package io.candlekeep.app.stream;

import io.candlekeep.app.live.QuoteJson;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON text frames the feed sends. A message is built once and the same frame goes to every subscriber. */
final class StreamMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamMessages() {
    }

    static TextMessage authenticated(String user) {
        ObjectNode n = type("authenticated");
        n.put("user", user);
        return text(n);
    }

    static TextMessage subscribed(String type, Collection<Symbol> symbols, Collection<Channel> channels) {
        ObjectNode n = type(type);
        ArrayNode s = n.putArray("symbols");
        symbols.forEach(x -> s.add(x.value()));
        ArrayNode c = n.putArray("channels");
        channels.forEach(x -> c.add(x.code()));
        return text(n);
    }

    static TextMessage quote(Quote quote) {
        ObjectNode n = type("quote");
        n.setAll(QuoteJson.node(quote));
        return text(n);
    }

    static TextMessage bar(SeriesId series, Bar bar) {
        ObjectNode n = type("bar");
        n.put("symbol", series.symbol().value());
        n.put("timeframe", series.timeframe().code());
        fields(n, bar);
        return text(n);
    }

    /** The quote channel's snapshot: the latest fresh quote, or null when there is none yet. */
    static TextMessage quoteSnapshot(Symbol symbol, Quote quote) {
        ObjectNode n = type("snapshot");
        n.put("symbol", symbol.value());
        n.put("channel", Channel.QUOTE.code());
        if (quote == null) {
            n.putNull("quote");
        } else {
            n.set("quote", QuoteJson.node(quote));
        }
        return text(n);
    }

    /** A bar channel's snapshot: the newest final bar and the forming bar after it, those there are. */
    static TextMessage barSnapshot(SeriesId series, List<Bar> bars) {
        ObjectNode n = type("snapshot");
        n.put("symbol", series.symbol().value());
        n.put("channel", Channel.bar(series.timeframe()).code());
        n.put("timeframe", series.timeframe().code());
        ArrayNode a = n.putArray("bars");
        bars.forEach(b -> fields(a.addObject(), b));
        return text(n);
    }

    static TextMessage error(String detail) {
        ObjectNode n = type("error");
        n.put("detail", detail);
        return text(n);
    }

    static TextMessage error(String symbol, String detail) {
        ObjectNode n = type("error");
        n.put("symbol", symbol);
        n.put("detail", detail);
        return text(n);
    }

    static TextMessage heartbeat(Instant time) {
        ObjectNode n = type("heartbeat");
        n.put("time", time.toString());
        return text(n);
    }

    private static void fields(ObjectNode n, Bar bar) {
        n.put("start", bar.start().toString());
        n.put("open", bar.open());
        n.put("high", bar.high());
        n.put("low", bar.low());
        n.put("close", bar.close());
        n.put("volume", bar.volume());
        n.put("final", bar.isFinal());
    }

    private static ObjectNode type(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        return n;
    }

    private static TextMessage text(ObjectNode n) {
        return new TextMessage(JSON.writeValueAsString(n));
    }
}
