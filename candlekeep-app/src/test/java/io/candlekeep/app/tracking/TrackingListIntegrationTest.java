package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.CountedStatements;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The tracking lists a page at a time ({@code GET /api/v1/tracking}, {@code /api/v1/monitor/tracking} and
 * {@code /api/v1/monitor/users/{name}/tracking}): keyset pages in symbol order, a status filter, and one call
 * costs the same number of statements with 8 symbols tracked as with 40 ({@link CountedStatements}).
 */
@Import(CountedStatements.class)
final class TrackingListIntegrationTest extends SimulatedAppTestBase {

    /** A new user of the service: each test watches its own symbols. */
    private ApiClient newUser(String name) {
        ApiClient.Response r = api.post("/api/v1/users", "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return ApiClient.withToken(port, r.json().get("token").asString());
    }

    private static List<String> symbols(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%02d", prefix, i)).toList();
    }

    private void track(ApiClient client, List<String> symbols, String timeframes) {
        String list = symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        ApiClient.Response r = client.post("/api/v1/tracking",
                "{\"symbols\":[" + list + "],\"source\":\"watchlist\",\"timeframes\":" + timeframes + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static List<String> listed(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("symbols").forEach(s -> out.add(s.get("symbol").asString()));
        return out;
    }

    /** Every symbol of a list, following next_cursor from page to page. */
    private List<String> pageThrough(ApiClient client, String path, int limit) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response r = client.get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("count").asInt()).isEqualTo(page.get("symbols").size()).isLessThanOrEqualTo(limit);
            assertThat(page.has("next_cursor")).as("next_cursor is always there, null on the last page").isTrue();
            all.addAll(listed(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        return all;
    }

    @Test
    void list_pagedThrough_listsEverySymbolOnceInOrder_andCountsThemAll() {
        ApiClient user = newUser("pager");
        List<String> tracked = symbols("PG", 23);
        track(user, tracked, "[\"1d\"]");

        List<String> all = pageThrough(user, "/api/v1/tracking", 5);

        assertThat(all).containsExactlyElementsOf(tracked);
        JsonNode first = user.get("/api/v1/tracking?limit=5").json();
        assertThat(first.get("count").asInt()).isEqualTo(5);
        assertThat(first.get("total").asInt()).isEqualTo(23);
        JsonNode whole = user.get("/api/v1/tracking?limit=500").json();
        assertThat(listed(whole)).containsExactlyElementsOf(tracked);
        assertThat(whole.get("next_cursor").isNull()).isTrue();
        assertThat(whole.get("total").asInt()).isEqualTo(23);
        assertThat(user.get("/api/v1/tracking").json().get("count").asInt()).as("the default page").isEqualTo(23);
        // the admin's list of every user's symbols pages the same way
        assertThat(pageThrough(api, "/api/v1/monitor/tracking", 4)).containsAll(tracked).doesNotHaveDuplicates()
                .isSorted();
        assertThat(pageThrough(api, "/api/v1/monitor/users/pager/tracking", 6)).containsExactlyElementsOf(tracked);
    }

    @Test
    void list_symbolsTrackedWhilePaging_areNeitherRepeatedNorSkippedAfterTheCursor() {
        ApiClient user = newUser("keyset");
        List<String> tracked = symbols("KS", 10);
        track(user, tracked, "[\"1d\"]");
        JsonNode first = user.get("/api/v1/tracking?limit=4").json();
        assertThat(listed(first)).containsExactlyElementsOf(tracked.subList(0, 4));

        // one before the cursor, one between the pages' symbols, one after all of them
        track(user, List.of("KS015", "KS05X", "KSZ"), "[\"1d\"]");
        List<String> rest = new ArrayList<>();
        String cursor = first.get("next_cursor").asString();
        while (cursor != null) {
            JsonNode page = user.get("/api/v1/tracking?limit=4&cursor=" + cursor).json();
            rest.addAll(listed(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        }

        List<String> expected = new ArrayList<>(tracked.subList(4, 10));
        expected.add(2, "KS05X");
        expected.add("KSZ");
        assertThat(rest).containsExactlyElementsOf(expected);
    }

    @Test
    void list_byStatus_listsOnlyThatStatus() {
        ApiClient user = newUser("filter");
        // the simulated provider knows no symbol starting with ZZZ: its backfill marks it NOT_FOUND
        track(user, List.of("ST01", "ZZZST"), "[\"1d\"]");
        Eventually.await(Duration.ofSeconds(30), "ZZZST not found",
                () -> user.get("/api/v1/tracking?status=NOT_FOUND").json().get("count").asInt() == 1);

        JsonNode notFound = user.get("/api/v1/tracking?status=not_found").json();
        assertThat(listed(notFound)).containsExactly("ZZZST");
        assertThat(notFound.get("total").asInt()).isEqualTo(1);
        assertThat(listed(user.get("/api/v1/tracking?status=ACTIVE&limit=500").json())).contains("ST01")
                .doesNotContain("ZZZST");
        assertThat(user.get("/api/v1/tracking?status=DORMANT").json().get("count").asInt()).isZero();
        assertThat(listed(api.get("/api/v1/monitor/tracking?status=NOT_FOUND").json())).contains("ZZZST")
                .doesNotContain("ST01");
    }

    @Test
    void list_badParameters_areProblemJsonSayingWhich() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("limit=0", "limit");
        bad.put("limit=501", "limit");
        bad.put("limit=many", "limit");
        bad.put("cursor=QUFQTA", "cursor");
        bad.put("cursor=%25%25", "cursor");
        bad.put("status=ASLEEP", "status");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            for (String path : List.of("/api/v1/tracking?", "/api/v1/monitor/tracking?")) {
                ApiClient.Response r = api.get(path + e.getKey());
                assertThat(r.status()).as(path + e.getKey()).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("detail").asString()).as(path + e.getKey()).contains("'" + e.getValue() + "'");
            }
        }
    }

    @Test
    void list_oneCall_costsAFixedNumberOfStatementsWhateverTheNumberOfSymbols() {
        ApiClient counted = newUser("counted");
        track(counted, symbols("CA", 8), "[\"1h\",\"4h\",\"1d\"]");
        Map<String, Integer> few = statementsOfEachCall(counted);

        track(counted, symbols("CB", 32), "[\"1d\"]");
        track(counted, symbols("CC", 40), "[\"15m\",\"1d\"]");
        Map<String, Integer> many = statementsOfEachCall(counted);

        assertThat(many).as("statements with 80 symbols against 8").isEqualTo(few);
        assertThat(many.values()).allSatisfy(n -> assertThat(n).isBetween(1, 12));
    }

    /** The statements of each kind of list call, by call. */
    private Map<String, Integer> statementsOfEachCall(ApiClient counted) {
        String second = counted.get("/api/v1/tracking?limit=3").json().get("next_cursor").asString();
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("a first page with more after it", "/api/v1/tracking?limit=3");
        calls.put("a page after a cursor", "/api/v1/tracking?limit=3&cursor=" + second);
        calls.put("every symbol, one page", "/api/v1/tracking?limit=500");
        calls.put("by status", "/api/v1/tracking?limit=3&status=ACTIVE");
        calls.put("all users', admin", "/api/v1/monitor/tracking?limit=3");
        calls.put("one user's, admin", "/api/v1/monitor/users/counted/tracking?limit=3");
        Map<String, Integer> statements = new LinkedHashMap<>();
        calls.forEach((what, path) -> {
            ApiClient client = path.startsWith("/api/v1/monitor") ? api : counted;
            client.get(path);
            CountedStatements.reset();
            ApiClient.Response r = client.get(path);
            statements.put(what, CountedStatements.count());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        });
        return statements;
    }
}
