package io.candlekeep.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input over real HTTP: first the requests a fuzzer once saw answer 500, then a seeded, bounded fuzz over
 * every operation of the service's own OpenAPI document. No answer is a 5xx, every rejection is problem+json, and a
 * rejected request changes nothing a user owns ({@link #state()}).
 *
 * <p>The fuzz sends {@value #DEFAULT_REQUESTS} requests with seed {@value #DEFAULT_SEED}; {@code
 * -Dcandlekeep.fuzz.requests=N} and {@code -Dcandlekeep.fuzz.seed=S} scale or vary it. A failure names the seed and
 * the request, so it can be replayed.
 */
final class HostileInputIntegrationTest extends SimulatedAppTestBase {

    static final int DEFAULT_REQUESTS = 2500;
    static final long DEFAULT_SEED = 20261206L;

    /** Values that are wrong on the wire: bad escapes, bytes that are not UTF-8, numbers out of range, traversal. */
    static final List<String> HOSTILE = List.of("", "%", "%f", "%zz", "%ff", "%ED%A0%80", "%C0%AF", "%C3", "%00",
            "%0d%0aSet-Cookie:%20x", "%2F", "%5C", "%2e%2e", "..", "%3B", "-1", "0", "-0", "1.5", "NaN", "Infinity",
            "1e999999999", "99999999999999999999999999", "-9223372036854775809", "null", "true", "%5B%5D", "%7B%7D",
            "%27%20OR%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E2%80%AE", "%F0%9F%92%A9", "%25",
            "+", "a,,b,", ",".repeat(300), "AAPL,".repeat(80), "A".repeat(3000), "%41".repeat(700));

    /** JSON values of every wrong kind, for a field of any type. */
    static final List<String> HOSTILE_JSON = List.of("null", "\"\"", "\"" + "x".repeat(5000) + "\"", "-1", "0",
            "1e999999999", "1e-999999999", "1e400", "-1e400", "1" + "0".repeat(40), "0." + "0".repeat(30) + "1",
            "true", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":1}}}", "\"\\u0000\"", "\"%zz\"",
            "\"../../etc/passwd\"", "\"\\uD800\"", "\"AAPL,MSFT\"", "[\"" + "A".repeat(200) + "\"]",
            "[" + "\"AAPL\",".repeat(300) + "\"AAPL\"]", "\"2025-13-45T99:99:99Z\"", "\"9999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"", "\"BUY\"", "\"admin\"", "\"ADMIN\"");

    /** Bodies that are not the JSON of any object. */
    static final List<String> BROKEN_BODIES = List.of("", "{", "[1,2", "nul", "{\"a\":", "\"just a string\"", "[]",
            "42", "{\"symbol\":\"AAPL\",\"symbol\":\"MSFT\"}", "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":\"" + "x".repeat(100_000) + "\"}");

    @Autowired
    JdbcClient jdbc;

    static String aliceToken;

    ApiClient admin;
    ApiClient alice;
    ApiClient nobody;

    @BeforeEach
    void setUp() {
        admin = api;
        nobody = ApiClient.withToken(port, null);
        if (aliceToken == null) {
            aliceToken = user("fuzz-alice");
            user("fuzz-victim");
        }
        alice = ApiClient.withToken(port, aliceToken);
    }

    static Stream<String> knownHostileRequests() {
        return Stream.of(
                "GET /api/v1/quotes?symbols=%zz",
                "GET /api/v1/quotes?symbols=%ff",
                "GET /api/v1/quotes?symbols=%ED%A0%80",
                "GET /api/v1/quotes?symbols=AAPL&x=%",
                "GET /api/v1/bars/AAPL?timeframe=%zz",
                "GET /api/v1/bars/AAPL?timeframe=1d&limit=99999999999999999999",
                "GET /api/v1/bars/AAPL?timeframe=1d&from=%C0%AF",
                "GET /api/v1/symbols?query=%E2%80%AEelppa",
                "GET /api/v1/symbols?query=apple&limit=99999999999999999999",
                "GET /api/v1/symbols?query=" + "A".repeat(65),
                "GET /api/v1/tracking?" + "a=1&".repeat(100),
                "GET /api/v1/tracking?q=" + "A".repeat(9000),
                "GET /actuator/health/x/..",
                "GET /error",
                "POST /error",
                "GET /api/v1/portfolios/%zz",
                "GET /api/v1/portfolios/99999999999999999999",
                "DELETE /api/v1/tracking/%ED%A0%80?source=chart_view");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownHostileRequests")
    void knownHostileRequest_answers4xxProblemJson_andChangesNothing(String request) {
        String[] parts = request.split(" ", 2);
        for (ApiClient caller : List.of(alice, admin)) {
            Map<String, List<Map<String, Object>>> before = state();
            ApiClient.Response r = caller.raw(parts[0], parts[1], null);
            assertThat(r.status()).as(request + " -> " + r.body()).isBetween(400, 499);
            assertThat(r.contentType()).as(request).startsWith("application/problem+json");
            assertThat(state()).as("state after " + request).isEqualTo(before);
        }
    }

    @Test
    void requestBody_beyondTheLimit_is413AndWritesNothing_atTheLimit_isRead() {
        String head = "{\"name\":\"big\"";
        String over = head + " ".repeat(RequestBodyLimit.MAX_BYTES - head.length()) + "}";
        Map<String, List<Map<String, Object>>> before = state();
        ApiClient.Response refused = alice.raw("POST", "/api/v1/portfolios", over);
        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(state()).isEqualTo(before);

        String atTheLimit = head + " ".repeat(RequestBodyLimit.MAX_BYTES - head.length() - 1) + "}";
        ApiClient.Response read = alice.raw("POST", "/api/v1/portfolios", atTheLimit);
        assertThat(read.status()).as(read.body()).isEqualTo(201);
    }

    @Test
    void openApiFuzz_hostileValuesOnEveryOperation_noServerErrorAndNoChangeAfterARejection() {
        long seed = Long.getLong("candlekeep.fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("candlekeep.fuzz.requests", DEFAULT_REQUESTS);
        Random random = new Random(seed);
        List<Operation> operations = operations(api.get("/v3/api-docs").json());
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(25);

        List<String> failures = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < requests && failures.size() < 20; i++) {
            Operation op = operations.get(i % operations.size());
            ApiClient caller = switch (random.nextInt(10)) {
                case 0 -> nobody;
                case 1, 2, 3 -> admin;
                default -> alice;
            };
            Values valid = validValues();
            String target = op.target(random, valid);
            String body = op.body() == null ? null : body(random, op.body(), valid);
            Map<String, List<Map<String, Object>>> before = state();
            ApiClient.Response r = caller.raw(op.method(), target, body);
            String call = "#" + i + " " + op.method() + " " + abbreviate(target) + (body == null ? "" : " " + abbreviate(body))
                    + " -> " + r.status() + " " + abbreviate(r.body());
            if (r.status() >= 500) {
                failures.add(call);
            } else if (r.status() >= 400) {
                rejected++;
                if (!r.contentType().startsWith("application/problem+json")) {
                    failures.add("not problem+json: " + call);
                }
                Map<String, List<Map<String, Object>>> after = state();
                if (!after.equals(before)) {
                    failures.add("changed state: " + call + "\n  before " + before + "\n  after  " + after);
                }
            }
        }
        assertThat(failures).as("seed " + seed + ", " + requests + " requests").isEmpty();
        assertThat(rejected).as("rejected requests: the fuzz reached the validation").isGreaterThan(requests / 4);
    }

    /** Everything a user owns or asked for; background sync changes none of it. */
    private Map<String, List<Map<String, Object>>> state() {
        return Map.of(
                "app_user", rows("SELECT id, name, role FROM app_user ORDER BY id"),
                "api_token", rows("SELECT token_hash, user_id FROM api_token ORDER BY token_hash"),
                "portfolio", rows("SELECT id, user_id, name, base_currency, allow_short FROM portfolio ORDER BY id"),
                "transactions", rows("SELECT id, portfolio_id, symbol, side, quantity, price, fee, currency, executed_at,"
                        + " updated_at FROM transactions ORDER BY id"),
                "interest", rows("SELECT user_id, symbol, source FROM interest ORDER BY user_id, symbol, source"),
                "tracked_series", rows("SELECT symbol, timeframe FROM tracked_series ORDER BY symbol, timeframe"));
    }

    private List<Map<String, Object>> rows(String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }

    private String user(String name) {
        ApiClient.Response r = admin.post("/api/v1/users", "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asString();
    }

    /** Alice's portfolio and one of its transactions, made again when a fuzzed request deleted them. */
    record Values(long portfolio, long transaction) {}

    private Values validValues() {
        List<Long> portfolios = jdbc.sql("SELECT p.id FROM portfolio p JOIN app_user u ON u.id = p.user_id"
                + " WHERE u.name = 'fuzz-alice' AND EXISTS (SELECT 1 FROM transactions t WHERE t.portfolio_id = p.id)"
                + " ORDER BY p.id").query(Long.class).list();
        long portfolio;
        if (portfolios.isEmpty()) {
            ApiClient.Response p = alice.post("/api/v1/portfolios", "{\"name\":\"fuzz-" + System.nanoTime() + "\"}");
            assertThat(p.status()).as(p.body()).isEqualTo(201);
            portfolio = p.json().get("id").asLong();
            ApiClient.Response t = alice.post("/api/v1/portfolios/" + portfolio + "/transactions",
                    "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"quantity\":5,\"price\":100,\"time\":\"2025-06-02T15:00:00Z\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(201);
        } else {
            portfolio = portfolios.getFirst();
        }
        long transaction = jdbc.sql("SELECT MIN(id) FROM transactions WHERE portfolio_id = ?").param(portfolio)
                .query(Long.class).single();
        return new Values(portfolio, transaction);
    }

    /** One operation of the OpenAPI document: its parameters and the schema of its JSON body, if any. */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode body) {

        String target(Random random, Values valid) {
            String resolved = path;
            StringBuilder query = new StringBuilder();
            for (Parameter p : parameters) {
                if (p.in().equals("path")) {
                    String value = random.nextBoolean() ? validValue(p.name(), valid) : pick(random, HOSTILE);
                    resolved = resolved.replace("{" + p.name() + "}", value);
                } else if (p.in().equals("query") && random.nextInt(10) >= 3) {
                    String value = random.nextBoolean() ? validValue(p.name(), valid) : pick(random, HOSTILE);
                    query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=').append(value);
                }
            }
            if (random.nextInt(10) == 0) {
                query.append(query.isEmpty() ? "?" : "&").append(pick(random, HOSTILE)).append('=')
                        .append(pick(random, HOSTILE));
            }
            return resolved + query;
        }
    }

    record Parameter(String name, String in) {}

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = document.get("components").get("schemas");
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    parameters.add(new Parameter(p.get("name").asString(), p.get("in").asString()));
                }
                JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
                JsonNode body = null;
                if (schema.has("$ref")) {
                    body = schemas.get(schema.get("$ref").asString().substring("#/components/schemas/".length()));
                } else if (!schema.isMissingNode()) {
                    body = schema;
                }
                operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        parameters, body));
            }
        }
        return operations;
    }

    /** A JSON body for {@code schema}: most fields valid, some hostile, some missing, now and then not JSON at all. */
    static String body(Random random, JsonNode schema, Values valid) {
        if (random.nextInt(6) == 0) {
            return pick(random, BROKEN_BODIES);
        }
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
            int roll = random.nextInt(10);
            if (roll < 2) {
                continue;
            }
            String value = roll < 6 ? validJson(field.getKey(), field.getValue(), valid) : pick(random, HOSTILE_JSON);
            json.append(json.length() == 1 ? "" : ",").append('"').append(field.getKey()).append("\":").append(value);
        }
        if (random.nextInt(8) == 0) {
            json.append(json.length() == 1 ? "" : ",").append("\"unexpected\":").append(pick(random, HOSTILE_JSON));
        }
        return json.append('}').toString();
    }

    static String validValue(String name, Values valid) {
        return switch (name) {
            case "id" -> Long.toString(valid.portfolio());
            case "transactionId" -> Long.toString(valid.transaction());
            case "symbol" -> "AAPL";
            case "symbols" -> "AAPL,MSFT";
            case "name" -> "fuzz-victim";
            case "timeframe" -> "1d";
            case "from" -> "2025-01-01T00:00:00Z";
            case "to" -> "2025-06-01T00:00:00Z";
            case "limit" -> "5";
            case "format" -> "json";
            case "source" -> "chart_view";
            case "range" -> "1m";
            case "hours" -> "24";
            default -> "1";
        };
    }

    static String validJson(String field, JsonNode schema, Values valid) {
        return switch (field) {
            case "symbol" -> "\"MSFT\"";
            case "side" -> "\"buy\"";
            case "quantity" -> "2";
            case "price" -> "101.5";
            case "fee" -> "0.5";
            case "currency", "baseCurrency" -> "\"USD\"";
            case "time" -> "\"2025-06-03T15:00:00Z\"";
            case "market" -> "\"US\"";
            case "name" -> "\"fuzz-" + Math.abs(valid.hashCode() % 1000) + "\"";
            case "role" -> "\"user\"";
            case "symbols" -> "[\"AAPL\"]";
            case "source" -> "\"search\"";
            case "timeframes" -> "[\"1d\"]";
            case "allowShort" -> "false";
            default -> switch (schema.path("type").asString("")) {
                case "number", "integer" -> "1";
                case "boolean" -> "true";
                case "array" -> "[]";
                default -> "\"x\"";
            };
        };
    }

    static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...(" + text.length() + " chars)";
    }
}
