package io.candlekeep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who subscribes to what in {@link StreamFanoutBenchmark}: a universe of {@code symbols} stocks {@code S0000},
 * {@code S0001}, ..., and {@code connections} subscribers where subscriber {@code c} takes the {@code perConnection}
 * symbols {@code c, c+1, ...} (wrapping round). With as many subscribers as symbols every symbol has exactly
 * {@code perConnection} subscribers, and no two subscribers hold the same set.
 */
record FanoutPlan(int symbols, int connections, int perConnection) {

    FanoutPlan {
        if (symbols < 1 || symbols > 10_000 || perConnection < 1 || perConnection > symbols || connections < 1) {
            throw new IllegalArgumentException("need 1 <= perConnection <= symbols <= 10000 and connections >= 1, got "
                    + this);
        }
    }

    static String symbol(int index) {
        return String.format(Locale.ROOT, "S%04d", index);
    }

    /** The index of a symbol named by {@link #symbol}, or -1. */
    static int indexOf(CharSequence text, int from, int to) {
        if (to - from != 5 || text.charAt(from) != 'S') {
            return -1;
        }
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The symbol index of subscriber {@code connection}'s {@code k}-th symbol. */
    int symbolOf(int connection, int k) {
        return (connection + k) % symbols;
    }

    /** Where {@code symbol} sits in subscriber {@code connection}'s list, or -1 when it is not there. */
    int slotOf(int connection, int symbol) {
        int k = Math.floorMod(symbol - connection, symbols);
        return k < perConnection ? k : -1;
    }

    /** How many subscribers hold {@code symbol}. */
    int subscribersOf(int symbol) {
        int n = 0;
        for (int c = 0; c < connections; c++) {
            if (slotOf(c, symbol) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** The feed's {@code subscribe} message of subscriber {@code connection}, quote channel only. */
    String subscribeMessage(int connection) {
        List<String> names = new ArrayList<>(perConnection);
        for (int k = 0; k < perConnection; k++) {
            names.add("\"" + symbol(symbolOf(connection, k)) + "\"");
        }
        return names.stream().collect(Collectors.joining(",", "{\"action\":\"subscribe\",\"symbols\":[",
                "],\"channels\":[\"quote\"]}"));
    }

    /** The universe as {@code POST /api/v1/tracking} bodies of at most 100 symbols each. */
    List<String> trackingBodies() {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < symbols; from += 100) {
            StringBuilder b = new StringBuilder("{\"symbols\":[");
            for (int i = from; i < Math.min(symbols, from + 100); i++) {
                b.append(i == from ? "" : ",").append('"').append(symbol(i)).append('"');
            }
            bodies.add(b.append("]}").toString());
        }
        return bodies;
    }
}
