package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users and tokens over real HTTP: creation, hashed storage, new and revoked tokens, and rejected input. */
final class UsersIntegrationTest extends SimulatedAppTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createUser_answersATokenOnce_andStoresOnlyItsHash() {
        ApiClient.Response r = api.post("/api/v1/users", "{\"name\":\"carol\"}");

        assertThat(r.status()).isEqualTo(201);
        String token = r.json().get("token").asString();
        assertThat(token).startsWith("ck_").hasSizeGreaterThan(40);
        assertThat(r.json().get("role").asString()).isEqualTo("user");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?").param(token).query(Integer.class).single())
                .as("the token itself is never stored").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?").param(Tokens.hash(token))
                .query(Integer.class).single()).isEqualTo(1);
        ApiClient.Response me = ApiClient.withToken(port, token).get("/api/v1/me");
        assertThat(me.json().get("name").asString()).isEqualTo("carol");
        assertThat(api.get("/api/v1/users").body()).contains("carol").doesNotContain(token);
    }

    @Test
    void createUser_badOrTakenName_isRejectedAndChangesNothing() {
        int before = users();
        for (String body : new String[] {"{\"name\":\"A B\"}", "{}", "{\"name\":\"x\"}", "{\"name\":\"dave\",\"role\":\"root\"}",
                "{\"name\":\"admin\"}", "not json"}) {
            ApiClient.Response r = api.post("/api/v1/users", body);
            assertThat(r.status()).as(body).isIn(400, 409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as(body).isNotBlank();
        }
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void revokeTokens_oldTokenIsRefusedAtOnce_newTokenWorks() {
        String first = api.post("/api/v1/users", "{\"name\":\"erin\"}").json().get("token").asString();
        ApiClient erin = ApiClient.withToken(port, first);
        String second = erin.post("/api/v1/users/erin/tokens", "").json().get("token").asString();
        assertThat(ApiClient.withToken(port, second).get("/api/v1/me").status()).isEqualTo(200);

        ApiClient.Response revoked = erin.delete("/api/v1/users/erin/tokens");
        assertThat(revoked.json().get("tokens_revoked").asInt()).isEqualTo(2);
        assertThat(erin.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(ApiClient.withToken(port, second).get("/api/v1/me").status()).isEqualTo(401);

        String third = api.post("/api/v1/users/erin/tokens", "").json().get("token").asString();
        assertThat(ApiClient.withToken(port, third).get("/api/v1/me").json().get("name").asString()).isEqualTo("erin");
    }

    @Test
    void revokeTokens_ofAnotherUser_isForbiddenAndRevokesNothing() {
        String frank = api.post("/api/v1/users", "{\"name\":\"frank\"}").json().get("token").asString();
        String grace = api.post("/api/v1/users", "{\"name\":\"grace\"}").json().get("token").asString();

        ApiClient.Response r = ApiClient.withToken(port, grace).delete("/api/v1/users/frank/tokens");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(ApiClient.withToken(port, frank).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(ApiClient.withToken(port, null).delete("/api/v1/users/frank/tokens").status()).isEqualTo(401);
    }

    @Test
    void authorization_notBearer_isRefusedWithProblemJson() {
        ApiClient.Response r = ApiClient.withToken(port, null).get("/api/v1/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("needs a token");
    }

    @Test
    void adminToken_configured_isRegisteredAndNoFileIsWritten() {
        assertThat(api.get("/api/v1/me").json().get("role").asString()).isEqualTo("admin");
        assertThat(Files.exists(dataDir.resolve(AdminToken.FILE_NAME))).isFalse();
    }

    private int users() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Integer.class).single();
    }
}
