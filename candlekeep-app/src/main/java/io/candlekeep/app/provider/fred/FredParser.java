package io.candlekeep.app.provider.fred;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the bodies of FRED's {@code fred/series} and {@code fred/series/observations} ({@code file_type=json}) and its
 * error body. Thread-safe; no network. Every observation value is a string, and a missing one is {@code "."}: it is
 * counted and left out, never read as 0.
 */
public final class FredParser {

    /** FRED's {@code last_updated}, {@code 2025-01-15 07:39:58-06}. */
    private static final DateTimeFormatter LAST_UPDATED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssX");
    static final String MISSING = ".";

    private final ObjectMapper mapper;

    public FredParser() {
        this(JsonMapper.builder().build());
    }

    public FredParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The one series of a {@code fred/series} body.
     *
     * @throws FredFormatException when the body is not JSON or holds no series
     */
    public FredSeries parseSeries(byte[] body) {
        JsonNode root = object(body, "series");
        JsonNode seriess = root.get("seriess");
        if (seriess == null || !seriess.isArray() || seriess.isEmpty() || !seriess.get(0).isObject()) {
            throw new FredFormatException("Not a fred/series body: no 'seriess' with a series; fields are "
                    + root.propertyNames());
        }
        JsonNode s = seriess.get(0);
        String id = text(s.get("id"));
        if (id == null || id.isBlank()) {
            throw new FredFormatException("The series of a fred/series body has no id: " + preview(body));
        }
        return new FredSeries(id, text(s.get("title")), text(s.get("frequency")), text(s.get("frequency_short")),
                text(s.get("units")), lastUpdated(text(s.get("last_updated"))), date(text(s.get("observation_end"))));
    }

    /**
     * The observations of a {@code fred/series/observations} body that have a value.
     *
     * @throws FredFormatException when the body is not JSON, has no observations array, or an observation has no
     *                             readable date or a value that is neither a number nor {@code "."}
     */
    public FredObservations parseObservations(byte[] body) {
        JsonNode root = object(body, "observations");
        JsonNode array = root.get("observations");
        if (array == null || !array.isArray()) {
            throw new FredFormatException("Not a fred/series/observations body: no 'observations' array; fields are "
                    + root.propertyNames());
        }
        List<FredObservation> values = new ArrayList<>(array.size());
        int missing = 0;
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            LocalDate date = date(text(o.get("date")))
                    .orElseThrow(() -> new FredFormatException("Observation " + o + " has no readable date"));
            String value = text(o.get("value"));
            if (value == null) {
                throw new FredFormatException("Observation of " + date + " has no value: " + o);
            }
            if (value.trim().equals(MISSING)) {
                missing++;
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new FredFormatException("Observation of " + date + " has the value '" + value
                        + "', neither a number nor '.'", e);
            }
            if (!Double.isFinite(v)) {
                throw new FredFormatException("Observation of " + date + " has the value '" + value + "'");
            }
            values.add(new FredObservation(date, v));
        }
        int count = intOr(root.get("count"), array.size());
        int offset = intOr(root.get("offset"), 0);
        return new FredObservations(values, missing, count, offset);
    }

    /** FRED's {@code {"error_code":..,"error_message":..}} in a body, or empty when the body is anything else. */
    public Optional<FredError> findError(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(Objects.requireNonNull(body, "body"));
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || root.get("error_code") == null) {
            return Optional.empty();
        }
        JsonNode code = root.get("error_code");
        int c = code.isIntegralNumber() ? code.intValue() : parseInt(text(code));
        return Optional.of(new FredError(c, text(root.get("error_message"))));
    }

    private JsonNode object(byte[] body, String what) {
        Objects.requireNonNull(body, "body");
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new FredFormatException("Malformed JSON in FRED " + what + " body (" + body.length + " bytes, starting '"
                    + preview(body) + "'): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FredFormatException("FRED " + what + " body is not a JSON object: '" + preview(body) + "'");
        }
        return root;
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> lastUpdated(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim(), LAST_UPDATED).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int intOr(JsonNode node, int fallback) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : fallback;
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** The first 60 characters of a body, for error messages. */
    static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }
}
