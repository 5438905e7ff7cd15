package io.candlekeep.app.provider.binance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a {@code GET /api/v3/klines} body, an array of 12-field rows (open time, open, high, low, close, volume,
 * close time, quote volume, trades, taker-buy base and quote volume, unused), and Binance's error body. Thread-safe;
 * no network; knows no timeframe, so the recorded 1m answer proves the same shape as a 15m one. Numbers are taken in
 * string or number form, because Binance sends prices as strings and times as numbers.
 */
public final class BinanceKlinesParser {

    /** Fields a row needs; Binance sends 12, of which the first 9 are read. */
    private static final int FIELDS_READ = 9;

    private final ObjectMapper mapper;

    public BinanceKlinesParser() {
        this(JsonMapper.builder().build());
    }

    public BinanceKlinesParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The klines of a body, in the order sent.
     *
     * @throws BinanceFormatException when the body is not JSON, not an array, or a row does not fit
     */
    public List<BinanceKline> parseKlines(byte[] body) {
        Objects.requireNonNull(body, "body");
        JsonNode root = read(body);
        if (root == null || !root.isArray()) {
            throw new BinanceFormatException("Klines body is not a JSON array: '" + preview(body) + "'");
        }
        List<BinanceKline> klines = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            klines.add(row(root.get(i), i));
        }
        return klines;
    }

    /** As {@link #parseKlines(byte[])}, for a text body. */
    public List<BinanceKline> parseKlines(String body) {
        Objects.requireNonNull(body, "body");
        return parseKlines(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Binance's {@code {"code":..,"msg":..}} in a body, or empty when the body is anything else. Never throws. */
    public Optional<BinanceError> findError(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(Objects.requireNonNull(body, "body"));
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || root.get("code") == null || !root.get("code").isIntegralNumber()) {
            return Optional.empty();
        }
        JsonNode msg = root.get("msg");
        return Optional.of(new BinanceError(root.get("code").intValue(),
                msg == null || msg.isNull() ? "" : msg.asString()));
    }

    private JsonNode read(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw new BinanceFormatException("Malformed JSON in klines body (" + body.length + " bytes, starting '"
                    + preview(body) + "'): " + e.getOriginalMessage(), e);
        }
    }

    private static BinanceKline row(JsonNode row, int i) {
        if (row == null || !row.isArray() || row.size() < FIELDS_READ) {
            throw new BinanceFormatException("Kline [" + i + "] is not an array of at least " + FIELDS_READ
                    + " fields: " + row);
        }
        return new BinanceKline(
                longAt(row, 0, i, "open time"),
                number(row.get(1), "kline [" + i + "] open"),
                number(row.get(2), "kline [" + i + "] high"),
                number(row.get(3), "kline [" + i + "] low"),
                number(row.get(4), "kline [" + i + "] close"),
                number(row.get(5), "kline [" + i + "] volume"),
                longAt(row, 6, i, "close time"),
                longAt(row, 8, i, "trades"));
    }

    private static long longAt(JsonNode row, int field, int i, String name) {
        JsonNode v = row.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BinanceFormatException("Kline [" + i + "] " + name + " is not an integer: " + v);
        }
        return v.longValue();
    }

    /** A price or volume: Binance's decimal string, or a plain JSON number. Package-private for the stream parser. */
    static double number(JsonNode v, String what) {
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        if (v != null && v.isString()) {
            try {
                double d = Double.parseDouble(v.asString());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through to the exception below, which quotes the value
            }
        }
        throw new BinanceFormatException(what + " is not a decimal number: " + v);
    }

    /** The first 60 characters of a body, for error messages. */
    static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }
}
