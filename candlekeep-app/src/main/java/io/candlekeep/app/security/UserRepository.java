package io.candlekeep.app.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code app_user} and {@code api_token}. */
@Repository
class UserRepository {

    /** The operator's account, made by the migration that introduced users. */
    static final long ADMIN_ID = 1;

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Caller> findByTokenHash(String hash) {
        return jdbc.sql("""
                SELECT u.id, u.name, u.role FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?
                """)
                .param(hash)
                .query(UserRepository::caller)
                .optional();
    }

    Optional<Caller> findByName(String name) {
        return jdbc.sql("SELECT id, name, role FROM app_user WHERE name = ?")
                .param(name)
                .query(UserRepository::caller)
                .optional();
    }

    Optional<Caller> findById(long id) {
        return jdbc.sql("SELECT id, name, role FROM app_user WHERE id = ?")
                .param(id)
                .query(UserRepository::caller)
                .optional();
    }

    List<UserSummary> findAll() {
        return jdbc.sql("""
                SELECT u.id, u.name, u.role, u.created_at, (SELECT COUNT(*) FROM api_token t WHERE t.user_id = u.id)
                  FROM app_user u ORDER BY u.id
                """)
                .query((rs, n) -> new UserSummary(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5)))
                .list();
    }

    long insertUser(String name, Role role, Instant now) {
        jdbc.sql("INSERT INTO app_user (name, role, created_at) VALUES (?, ?, ?)")
                .params(name, role.name(), now.toEpochMilli())
                .update();
        return findByName(name).orElseThrow().userId();
    }

    void insertToken(long userId, String hash, Instant now) {
        jdbc.sql("INSERT INTO api_token (token_hash, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(hash, userId, now.toEpochMilli())
                .update();
    }

    int countTokens(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = ?").param(userId).query(Integer.class).single();
    }

    int deleteTokens(long userId) {
        return jdbc.sql("DELETE FROM api_token WHERE user_id = ?").param(userId).update();
    }

    private static Caller caller(ResultSet rs, int n) throws SQLException {
        return new Caller(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)));
    }
}
