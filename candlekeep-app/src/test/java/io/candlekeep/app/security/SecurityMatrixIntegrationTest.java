package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every kind of caller, over real HTTP: no token, a wrong token, another user's token, the owner's
 * token, the admin's. Alice owns the user-scoped resources each row names; Bob is the other user. Each answer has
 * the expected status, every rejection is problem+json, and no answer to one user holds the other's private data.
 */
final class SecurityMatrixIntegrationTest extends SimulatedAppTestBase {

    /** Symbols only Alice, or only Bob, is interested in: neither may ever see the other's. */
    static final String ALICE_PRIVATE = "ALCX";
    static final String BOB_PRIVATE = "BOBX";

    static final String TRADE = "{\"symbol\":\"" + ALICE_PRIVATE
            + "\",\"side\":\"buy\",\"quantity\":1,\"price\":10,\"time\":\"2025-06-02T15:00:00Z\"}";

    static String aliceToken;
    static String alicePortfolio;
    static String bobToken;
    static final AtomicInteger unique = new AtomicInteger();

    enum Who { NONE, WRONG, OTHER, OWNER, ADMIN }

    /** One endpoint: what to send, and the status each caller gets, in {@link Who} order. */
    record Row(String method, String path, String body, int none, int wrong, int other, int owner, int admin) {
        int expected(Who who) {
            return switch (who) {
                case NONE -> none;
                case WRONG -> wrong;
                case OTHER -> other;
                case OWNER -> owner;
                case ADMIN -> admin;
            };
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Row row(String method, String path, String body, int none, int other, int owner, int admin) {
        return new Row(method, path, body, none, 401, other, owner, admin);
    }

    static final List<Row> ROWS = List.of(
            // public
            new Row("GET", "/actuator/health", null, 200, 401, 200, 200, 200),
            new Row("GET", "/v3/api-docs", null, 200, 401, 200, 200, 200),
            new Row("GET", "/v3/api-docs/swagger-config", null, 200, 401, 200, 200, 200),
            // Swagger UI: the page redirects to its assets
            new Row("GET", "/swagger-ui.html", null, 302, 401, 302, 302, 302),
            new Row("GET", "/swagger-ui/index.html", null, 200, 401, 200, 200, 200),
            new Row("GET", "/", null, 200, 401, 200, 200, 200),
            // the dashboard's files and its chart library
            new Row("GET", "/assets/app.js", null, 200, 401, 200, 200, 200),
            new Row("GET", "/webjars/echarts/5.3.1/dist/echarts.min.js", null, 200, 401, 200, 200, 200),
            // the list of actuator endpoints: admin only
            row("GET", "/actuator", null, 401, 403, 403, 200),
            // the metrics: the admin (or the scrape token, which this application has none of)
            row("GET", "/actuator/prometheus", null, 401, 403, 403, 200),
            // market data: any valid token
            row("GET", "/api/v1/bars/AAPL?timeframe=1d&limit=5", null, 401, 200, 200, 200),
            row("GET", "/api/v1/quotes?symbols=AAPL", null, 401, 200, 200, 200),
            row("GET", "/api/v1/symbols/AAPL/coverage", null, 401, 200, 200, 200),
            row("GET", "/api/v1/symbols/AAPL/coverage?gaps=true", null, 401, 200, 200, 200),
            // the search lists the caller's own tracked symbols that match (X is in both private ones), nobody else's
            row("GET", "/api/v1/symbols?query=x", null, 401, 200, 200, 200),
            row("GET", "/api/v1/symbols/AAPL", null, 401, 200, 200, 200),
            // forecasts are market data; a symbol never tracked has none
            row("GET", "/api/v1/forecasts/NOFCST?timeframe=1h", null, 401, 404, 404, 404),
            row("GET", "/api/v1/forecasts/NOFCST/accuracy?timeframe=1h", null, 401, 404, 404, 404),
            // the caller's own interest
            row("GET", "/api/v1/me", null, 401, 200, 200, 200),
            row("GET", "/api/v1/tracking", null, 401, 200, 200, 200),
            row("POST", "/api/v1/tracking", "{\"symbols\":[\"MSFT\"],\"source\":\"search\",\"timeframes\":[\"1d\"]}",
                    401, 200, 200, 200),
            // Alice's interest in her symbol: only she can remove it (Bob and the admin have none to remove)
            row("DELETE", "/api/v1/tracking/" + ALICE_PRIVATE + "?source=chart_view", null, 401, 404, 200, 404),
            // users
            row("GET", "/api/v1/users", null, 401, 403, 403, 200),
            row("POST", "/api/v1/users", "{\"name\":\"u%d\"}", 401, 403, 403, 201),
            row("POST", "/api/v1/users/alice/tokens", null, 401, 403, 201, 201),
            // operations: admin only
            row("GET", "/cache/status", null, 401, 403, 403, 200),
            row("GET", "/cache/scheduler/status", null, 401, 403, 403, 200),
            row("GET", "/cache/historical/AAPL", null, 401, 403, 403, 200),
            row("POST", "/cache/refresh-live", "{}", 401, 403, 403, 202),
            row("POST", "/cache/sync-historical", "{}", 401, 403, 403, 202),
            row("POST", "/cache/backfill-symbol", "{\"symbol\":\"AAPL\"}", 401, 403, 403, 202),
            // monitoring: admin only, but a user may watch their own tracked symbols
            row("GET", "/api/v1/monitor/jobs?hours=24", null, 401, 403, 403, 200),
            row("GET", "/api/v1/monitor/coverage/AAPL", null, 401, 403, 403, 200),
            row("GET", "/api/v1/monitor/tracking", null, 401, 403, 403, 200),
            row("GET", "/api/v1/monitor/users/alice/tracking", null, 401, 403, 200, 200),
            // portfolios: {P} is Alice's, {T} a fresh transaction in it, {Q} a fresh portfolio of hers; to anyone
            // else they do not exist, the admin included
            row("GET", "/api/v1/portfolios", null, 401, 200, 200, 200),
            row("POST", "/api/v1/portfolios", "{\"name\":\"p%d\"}", 401, 201, 201, 201),
            row("GET", "/api/v1/portfolios/{P}", null, 401, 404, 200, 404),
            row("GET", "/api/v1/portfolios/{P}/history?range=1m", null, 401, 404, 200, 404),
            row("GET", "/api/v1/portfolios/{P}/transactions", null, 401, 404, 200, 404),
            row("POST", "/api/v1/portfolios/{P}/transactions", TRADE, 401, 404, 201, 404),
            row("PUT", "/api/v1/portfolios/{P}/transactions/{T}", TRADE, 401, 404, 200, 404),
            row("DELETE", "/api/v1/portfolios/{P}/transactions/{T}", null, 401, 404, 204, 404),
            row("DELETE", "/api/v1/portfolios/{Q}", null, 401, 404, 204, 404));

    /** Once for the class: the application and its users live as long as the class does. */
    @BeforeEach
    void createUsers() {
        if (aliceToken != null) {
            return;
        }
        aliceToken = api.post("/api/v1/users", "{\"name\":\"alice\"}").json().get("token").asString();
        bobToken = api.post("/api/v1/users", "{\"name\":\"bob\"}").json().get("token").asString();
        track(aliceToken, ALICE_PRIVATE, "watchlist");
        track(bobToken, BOB_PRIVATE, "watchlist");
        track(aliceToken, "AAPL", "portfolio");
        alicePortfolio = createPortfolio(ALICE_PRIVATE + " savings");
    }

    /** A portfolio of Alice's, named after her private symbol so that a leak of it shows. */
    private String createPortfolio(String name) {
        ApiClient.Response r = ApiClient.withToken(port, aliceToken).post("/api/v1/portfolios",
                "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as("portfolio: %s", r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String createTrade() {
        ApiClient.Response r = ApiClient.withToken(port, aliceToken)
                .post("/api/v1/portfolios/" + alicePortfolio + "/transactions", TRADE);
        assertThat(r.status()).as("transaction: %s", r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : ROWS) {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(row, who));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void endpoint_eachCaller_getsItsStatusAndOnlyItsOwnData(Row row, Who who) {
        // the row's resource exists before every call, so only the caller decides the answer
        track(aliceToken, ALICE_PRIVATE, "chart_view");
        ApiClient api = ApiClient.withToken(port, switch (who) {
            case NONE -> null;
            case WRONG -> "ck_this_is_not_a_token_of_this_service";
            case OTHER -> bobToken;
            case OWNER -> aliceToken;
            case ADMIN -> ApiClient.ADMIN_TOKEN;
        });
        String body = row.body() == null ? null : row.body().formatted(unique.incrementAndGet());
        String path = row.path().replace("{P}", alicePortfolio);
        if (path.contains("{T}")) {
            path = path.replace("{T}", createTrade());
        }
        if (path.contains("{Q}")) {
            path = path.replace("{Q}", createPortfolio("spare " + unique.incrementAndGet()));
        }
        ApiClient.Response r = switch (row.method()) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, body == null ? "" : body);
            case "PUT" -> api.put(path, body);
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(row.method());
        };

        assertThat(r.status()).as("%s as %s: %s", row, who, r.body()).isEqualTo(row.expected(who));
        if (r.status() >= 400) {
            assertThat(r.contentType()).as("content type of a rejection").startsWith("application/problem+json");
            assertThat(r.json().path("detail").asString()).as("detail").isNotBlank();
        }
        // a path that names Alice's symbol may echo it back; anything else would be a leak
        if (who == Who.OTHER && !row.path().contains(ALICE_PRIVATE)) {
            assertThat(r.body()).as("Bob's answer").doesNotContain(ALICE_PRIVATE);
        }
        if (who == Who.OWNER) {
            assertThat(r.body()).as("Alice's answer").doesNotContain(BOB_PRIVATE);
        }
    }

    /** One way to write a path that the router reads as another, or that is not normalized. */
    enum Form {
        /** {@code /%63ache/status}: a letter of the first segment percent-encoded. */
        ENCODED_FIRST_LETTER(true),
        /** {@code /api/v1/user%73}: the last letter percent-encoded, in upper-case hex. */
        ENCODED_LAST_LETTER(true),
        /** {@code /cache;x/status}: a path parameter on the first segment. */
        PARAMETER_FIRST(true),
        /** {@code /api/v1/users;x}: a path parameter at the end. */
        PARAMETER_LAST(true),
        /** {@code //cache/status}. */
        DOUBLE_SLASH_FIRST(true),
        /** {@code /cache//status}. */
        DOUBLE_SLASH_INSIDE(true),
        /** {@code /cache/status/}. */
        TRAILING_SLASH(true),
        /** {@code /x/../cache/status}. */
        DOT_DOT(true),
        /** {@code /x/%2e%2e/cache/status}. */
        ENCODED_DOT_DOT(true),
        /** {@code /./cache/status}. */
        DOT(true),
        /** {@code /cache%2Fstatus}. */
        ENCODED_SLASH(true),
        /** {@code /CACHE/status}: served by no route, and never to a caller the route would refuse. */
        CASE_CHANGED(false);

        final boolean notNormalized;

        Form(boolean notNormalized) {
            this.notNormalized = notNormalized;
        }

        /** {@code path} (no query) in this form, or null where it has no such form. */
        String apply(String path) {
            int second = path.indexOf('/', 1);
            String first = second < 0 ? path : path.substring(0, second);
            String rest = second < 0 ? "" : path.substring(second);
            return switch (this) {
                case ENCODED_FIRST_LETTER -> encodeLetter(path, firstLetter(path), "%%%02x");
                case ENCODED_LAST_LETTER -> encodeLetter(path, lastLetter(path), "%%%02X");
                case PARAMETER_FIRST -> path.length() == 1 ? null : first + ";x" + rest;
                case PARAMETER_LAST -> path + ";x";
                case DOUBLE_SLASH_FIRST -> "/" + path;
                case DOUBLE_SLASH_INSIDE -> second < 0 ? null : first + "/" + rest;
                case TRAILING_SLASH -> path.length() == 1 ? null : path + "/";
                case DOT_DOT -> "/x/.." + path;
                case ENCODED_DOT_DOT -> "/x/%2e%2e" + path;
                case DOT -> "/." + path;
                case ENCODED_SLASH -> second < 0 ? null : first + "%2F" + rest.substring(1);
                case CASE_CHANGED -> path.length() == 1 ? null : first.toUpperCase(Locale.ROOT) + rest;
            };
        }

        private static int firstLetter(String path) {
            for (int i = 0; i < path.length(); i++) {
                if (Character.isLetter(path.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        private static int lastLetter(String path) {
            for (int i = path.length() - 1; i >= 0; i--) {
                if (Character.isLetter(path.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        private static String encodeLetter(String path, int at, String format) {
            return at < 0 ? null : path.substring(0, at) + format.formatted((int) path.charAt(at)) + path.substring(at + 1);
        }
    }

    static Stream<Arguments> forms() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : ROWS) {
            String path = row.path().contains("?") ? row.path().substring(0, row.path().indexOf('?')) : row.path();
            for (Form form : Form.values()) {
                if (form.apply(path) != null) {
                    cases.add(Arguments.of(row, form));
                }
            }
        }
        return cases.stream();
    }

    /**
     * Every path of the table in every form that could make the access check and the router disagree, sent byte for
     * byte: a path that is not normalized is refused with 400 before any token counts, whoever sends it; a path in
     * another case reaches no route, and a caller the real path refuses is refused on it too. Nothing changes.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void endpoint_pathInAnotherForm_isRefusedAndChangesNothing(Row row, Form form) {
        String path = row.path().replace("{P}", alicePortfolio).replace("{T}", "1").replace("{Q}", alicePortfolio);
        int query = path.indexOf('?');
        String target = form.apply(query < 0 ? path : path.substring(0, query)) + (query < 0 ? "" : path.substring(query));
        // the body that, in the bypass this test guards against, made a user an admin
        String body = row.method().equals("POST") || row.method().equals("PUT")
                ? row.path().startsWith("/api/v1/users") ? "{\"name\":\"evil\",\"role\":\"admin\"}" : row.body()
                : null;
        String before = state();

        for (Who who : List.of(Who.NONE, Who.OTHER, Who.OWNER, Who.ADMIN)) {
            ApiClient client = ApiClient.withToken(port, switch (who) {
                case NONE, WRONG -> null;
                case OTHER -> bobToken;
                case OWNER -> aliceToken;
                case ADMIN -> ApiClient.ADMIN_TOKEN;
            });
            ApiClient.Response r = client.raw(row.method(), target,
                    body == null ? null : body.formatted(unique.incrementAndGet()));
            String what = row.method() + " " + target + " as " + who + ": " + r.body();
            if (form.notNormalized) {
                assertThat(r.status()).as(what).isEqualTo(400);
            } else {
                // no route serves it; a caller the table refuses on the real path is refused the same way here
                boolean adminOnly = row.owner() == 403;
                List<Integer> allowed = switch (who) {
                    case NONE -> row.none() == 401 ? List.of(401) : List.of(404);
                    case WRONG, OTHER, OWNER -> adminOnly ? List.of(403) : List.of(403, 404);
                    case ADMIN -> List.of(404);
                };
                assertThat(r.status()).as(what).isIn(allowed);
            }
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
            assertThat(r.json().path("detail").asString()).as(what).isNotBlank();
        }
        assertThat(state()).as("users and Alice's portfolios and transactions after %s", target).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Who.class, names = {"NONE", "OWNER", "ADMIN"})
    void health_eachCaller_showsDetailsToAnAdminOnly(Who who) {
        ApiClient client = ApiClient.withToken(port, who == Who.NONE ? null : who == Who.OWNER ? aliceToken
                : ApiClient.ADMIN_TOKEN);
        ApiClient.Response r = client.get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("components").path("diskSpace").path("status").asString()).isEqualTo("UP");
        if (who == Who.ADMIN) {
            assertThat(r.json().path("components").path("diskSpace").path("details").has("free")).as(r.body()).isTrue();
        } else {
            assertThat(r.body()).as("health as %s", who).doesNotContain("details", "free", "path", dataDir.toString());
        }
    }

    /** What a refused request must not change: the users, and Alice's portfolios and transactions. */
    private String state() {
        ApiClient alice = ApiClient.withToken(port, aliceToken);
        return api.get("/api/v1/users").body() + alice.get("/api/v1/portfolios").body()
                + alice.get("/api/v1/portfolios/" + alicePortfolio + "/transactions").body();
    }

    private void track(String token, String symbol, String source) {
        ApiClient.Response r = ApiClient.withToken(port, token).post("/api/v1/tracking",
                "{\"symbols\":[\"" + symbol + "\"],\"source\":\"" + source + "\",\"timeframes\":[\"1d\"]}");
        assertThat(r.status()).as("tracking %s: %s", symbol, r.body()).isEqualTo(200);
    }

}
