package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which raw paths are normalized: the router and the access table must read a path the same way. */
final class RequestPathsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/cache/status", "/api/v1/bars/AAPL", "/api/v1/bars/%5EGSPC", "/api/v1/bars/BTC-USD",
            "/api/v1/bars/EURUSD=X", "/api/v1/symbols/FRED:DGS10/coverage", "/api/v1/bars/%5egspc", "/a%20b",
            "/index.html", "/v3/api-docs", "/api/v1/bars/A.B", "/api/v1/bars/..A"})
    void problem_normalizedPath_isEmpty(String path) {
        assertThat(RequestPaths.problem(path)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "cache/status", "/%63ache/status", "/api/v1/user%73", "/api/v1/USER%53", "/cache%2Fstatus",
            "/cache%2fstatus", "/cache%5cstatus", "/cache%3Bx/status", "/cache;x/refresh-live", "/api/v1/users;x",
            "/api/v1/monitor;x/jobs", "/cache/status;", "//cache/status", "/cache//status", "/cache/status/",
            "/x/../cache/status", "/cache/./status", "/cache/status/..", "/.", "/%2e%2e/cache/status",
            "/%2E/cache/status", "/cache\\status", "/cache/%zz", "/cache/%f", "/cache/%", "/cache/%ff", "/cache/%ED%A0%80",
            "/cache/%00", "/cache/%7f", "/cache/%25", "/cache/%7E", "/cache/%2D", "/cache/sta tus", "/cache/\u00e9",
            "/cache/\t"})
    void problem_notNormalizedPath_isNamed(String path) {
        assertThat(RequestPaths.problem(path)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {RequestPaths.MAX_LENGTH + 1, 100_000})
    void problem_overlongPath_isNamed(int length) {
        assertThat(RequestPaths.problem("/" + "a".repeat(length - 1))).hasValueSatisfying(
                p -> assertThat(p).contains("longer than"));
        assertThat(RequestPaths.problem("/" + "a".repeat(RequestPaths.MAX_LENGTH - 1))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "symbols=AAPL,MSFT", "symbols=%5EGSPC", "timeframe=1d&limit=20", "q=caf%C3%A9",
            "q=%F0%9F%95%AF", "q=a+b", "q=", "q", "a=1&&b=2", "q=%2F%3B%25",
            "q==", "q=a=b"})
    void queryProblem_decodableQuery_isEmpty(String query) {
        assertThat(RequestPaths.queryProblem(query)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"symbols=%zz", "symbols=%ff", "symbols=%ED%A0%80", "timeframe=%zz", "x=%", "x=%4",
            "x=%C3", "x=%C3%28", "x=%80", "x=%F8%88%80%80%80", "x=%C0%AF", "x=%E2%82&y=%AC", "x=a b", "x=\u00e9",
            "x=\t", "=1", "a=1&=2", "a=1&=%0d%0aSet-Cookie:%20x"})
    void queryProblem_undecodableQuery_isNamed(String query) {
        assertThat(RequestPaths.queryProblem(query)).isPresent();
    }

    @Test
    void queryProblem_nullQuery_isEmpty() {
        assertThat(RequestPaths.queryProblem(null)).isEmpty();
    }

    @Test
    void queryProblem_tooLongOrTooManyParameters_isNamed() {
        assertThat(RequestPaths.queryProblem("q=" + "a".repeat(RequestPaths.MAX_QUERY_LENGTH - 2))).isEmpty();
        assertThat(RequestPaths.queryProblem("q=" + "a".repeat(RequestPaths.MAX_QUERY_LENGTH - 1)))
                .hasValueSatisfying(p -> assertThat(p).contains("longer than"));
        String most = "a=1" + "&a=1".repeat(RequestPaths.MAX_QUERY_PARAMETERS - 1);
        assertThat(RequestPaths.queryProblem(most)).isEmpty();
        assertThat(RequestPaths.queryProblem(most + "&a=1")).hasValueSatisfying(
                p -> assertThat(p).contains("more than " + RequestPaths.MAX_QUERY_PARAMETERS));
    }
}
