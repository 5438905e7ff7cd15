package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.security.AccessPolicy.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access table, path by path, with market data private (the default) and public; unnamed paths need an admin. */
final class AccessPolicyTest {

    @ParameterizedTest(name = "{0} {1}: {2}, public market data: {3}")
    @CsvSource({
            "GET,    /actuator/health,                       PUBLIC,      PUBLIC",
            "GET,    /actuator/health/liveness,              PUBLIC,      PUBLIC",
            "GET,    /actuator/prometheus,                   METRICS,     METRICS",
            "POST,   /actuator/prometheus,                   ADMIN,       ADMIN",
            "GET,    /actuator/metrics,                      ADMIN,       ADMIN",
            "GET,    /v3/api-docs,                           PUBLIC,      PUBLIC",
            "GET,    /v3/api-docs/swagger-config,            PUBLIC,      PUBLIC",
            "GET,    /swagger-ui.html,                       PUBLIC,      PUBLIC",
            "GET,    /swagger-ui/index.html,                 PUBLIC,      PUBLIC",
            "GET,    /swagger-ui.htmlx,                      ADMIN,       ADMIN",
            "GET,    /,                                      PUBLIC,      PUBLIC",
            "GET,    /assets/app.js,                         PUBLIC,      PUBLIC",
            "GET,    /webjars/echarts/5.3.1/dist/echarts.min.js, PUBLIC,  PUBLIC",
            "POST,   /webjars/echarts/5.3.1/dist/echarts.min.js, ADMIN,   ADMIN",
            "GET,    /api/v1/bars/AAPL,                      MARKET_DATA, PUBLIC",
            "GET,    /api/v1/quotes,                         MARKET_DATA, PUBLIC",
            "GET,    /api/v1/symbols/AAPL/coverage,          MARKET_DATA, PUBLIC",
            "GET,    /api/v1/symbols,                        MARKET_DATA, PUBLIC",
            "GET,    /api/v1/symbols/AAPL,                   MARKET_DATA, PUBLIC",
            "POST,   /api/v1/symbols,                        ADMIN,       ADMIN",
            "POST,   /api/v1/bars/AAPL,                      ADMIN,       ADMIN",
            "GET,    /api/v1/tracking,                       USER,        USER",
            "POST,   /api/v1/tracking,                       USER,        USER",
            "GET,    /api/v1/portfolios/1,                   USER,        USER",
            "GET,    /api/v1/me,                             USER,        USER",
            "POST,   /api/v1/users,                          ADMIN,       ADMIN",
            "GET,    /api/v1/users,                          ADMIN,       ADMIN",
            "POST,   /api/v1/users/alice/tokens,             USER,        USER",
            "GET,    /cache/status,                          ADMIN,       ADMIN",
            "POST,   /cache/backfill-symbol,                 ADMIN,       ADMIN",
            "GET,    /api/v1/monitor/jobs,                   ADMIN,       ADMIN",
            "GET,    /api/v1/monitor/coverage/AAPL,          ADMIN,       ADMIN",
            "GET,    /api/v1/monitor/tracking,               ADMIN,       ADMIN",
            "GET,    /api/v1/monitor/users/alice/tracking,   USER,        USER",
            "GET,    /api/v1/monitor/users/a/b/tracking,     ADMIN,       ADMIN",
            "GET,    /api/v1/monitor/users//tracking,        ADMIN,       ADMIN",
            "GET,    /somewhere/else,                        ADMIN,       ADMIN",
            "GET,    /actuator,                              ADMIN,       ADMIN",
            // read as the router reads them: decoded, ';' parameters dropped, and here in any case
            "GET,    /%63ache/status,                        ADMIN,       ADMIN",
            "POST,   /cache;x/refresh-live,                  ADMIN,       ADMIN",
            "GET,    /api/v1/user%73,                        ADMIN,       ADMIN",
            "POST,   /api/v1/users;x,                        ADMIN,       ADMIN",
            "GET,    /api/v1/monitor;x/jobs,                 ADMIN,       ADMIN",
            "GET,    /CACHE/Status,                          ADMIN,       ADMIN",
            "GET,    /API/V1/ME,                             USER,        USER",
            "GET,    /api/v1/bars/%5EGSPC,                   MARKET_DATA, PUBLIC",
            // route patterns, as RouteAccessInterceptor asks
            "GET,    /api/v1/bars/{symbol},                  MARKET_DATA, PUBLIC",
            "GET,    /cache/historical/{symbol},             ADMIN,       ADMIN",
            "POST,   /api/v1/users/{name}/tokens,            USER,        USER",
            "DELETE, /api/v1/portfolios/{id}/transactions/{transactionId}, USER, USER"})
    void required_eachPath_isItsRowOfTheTable(String method, String path, Access privateMarket, Access publicMarket) {
        assertThat(policy(false).required(method, path)).isEqualTo(privateMarket);
        assertThat(policy(true).required(method, path)).isEqualTo(publicMarket);
    }

    private static AccessPolicy policy(boolean publicMarketData) {
        return new AccessPolicy(new SecurityProperties(null, publicMarketData, null));
    }
}
