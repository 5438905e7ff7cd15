package io.candlekeep.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.testing.FreshPostgresDatabase;
import io.candlekeep.app.testing.TestStores;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security (migration V13) behind {@link UserTransactions} on PostgreSQL: work for one user sees and
 * changes that user's rows only, even where a statement forgot its user filter. The test connects as the superuser
 * {@code postgres}, which skips every policy by itself: the wall holds because the scoped transaction switches role.
 */
@Tag(TestStores.OWN_STORE)
final class RowLevelSecurityIntegrationTest {

    private static final AtomicInteger USERS = new AtomicInteger();

    static FreshPostgresDatabase db;
    static HikariDataSource dataSource;
    static JdbcClient jdbc;
    static UserTransactions scoped;
    static TransactionTemplate unscopedTx;

    long alice;
    long bob;

    @BeforeAll
    static void migrate() {
        if (FreshPostgresDatabase.unreachable().isPresent()) {
            return;
        }
        db = FreshPostgresDatabase.create("ck_rls");
        Flyway.configure().dataSource(db.url(), FreshPostgresDatabase.USER, null)
                .locations("classpath:db/migration/postgresql").load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(FreshPostgresDatabase.USER);
        // one connection: every test below reuses the connection the previous scoped transaction ran on
        config.setMaximumPoolSize(1);
        dataSource = new HikariDataSource(config);
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        scoped = new UserTransactions(transactions, jdbc, new MockEnvironment().withProperty("candlekeep.db.url", db.url()));
        unscopedTx = new TransactionTemplate(transactions);
    }

    @AfterAll
    static void drop() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Two fresh users, each with a portfolio, a transaction, an interest and a token, written as the service. */
    @BeforeEach
    void twoUsers() {
        FreshPostgresDatabase.assumeReachable();
        alice = userWithRows("alice");
        bob = userWithRows("bob");
    }

    @Test
    void read_selectStarFromPortfolioWithoutUserFilter_answersOnlyThatUsersRows() {
        List<Map<String, Object>> rows = scoped.read(alice, () -> jdbc.sql("SELECT * FROM portfolio").query().listOfRows());

        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.get("user_id")).isEqualTo(alice));
        assertThat(jdbc.sql("SELECT DISTINCT user_id FROM portfolio").query(Long.class).list())
                .as("the service's own role outside a user transaction").contains(alice, bob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"portfolio", "transactions", "interest", "api_token"})
    void read_tableWithoutUserFilter_answersOnlyThatUsersRows(String table) {
        List<Long> seen = scoped.read(bob, () -> jdbc.sql("SELECT user_id FROM " + table).query(Long.class).list());

        assertThat(seen).isNotEmpty().containsOnly(bob);
    }

    @Test
    void write_rowForAnotherUser_isRefused() {
        assertThatThrownBy(() -> scoped.run(alice, () -> jdbc.sql("""
                INSERT INTO portfolio (user_id, name, base_currency, created_at) VALUES (?, 'planted', 'USD', 0)
                """).param(bob).update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("violates row-level security policy");
        assertThat(count("SELECT COUNT(*) FROM portfolio WHERE name = 'planted'")).isZero();
    }

    @Test
    void write_updateAndDeleteWithoutUserFilter_touchOnlyThatUsersRows() {
        int renamed = scoped.write(alice, () -> jdbc.sql("UPDATE portfolio SET name = name || ' (renamed)'").update());
        int revoked = scoped.write(alice, () -> jdbc.sql("DELETE FROM api_token").update());

        assertThat(renamed).isEqualTo(1);
        assertThat(revoked).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM portfolio WHERE user_id = " + bob + " AND name LIKE '%(renamed)'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM api_token WHERE user_id = " + bob)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM api_token WHERE user_id = " + alice)).isZero();
    }

    @Test
    void read_roleWithoutUserSetting_seesNoRows() {
        long seen = unscopedTx.execute(status -> {
            jdbc.sql("SET LOCAL ROLE " + UserTransactions.ROLE).update();
            return jdbc.sql("SELECT COUNT(*) FROM portfolio").query(Long.class).single();
        });

        assertThat(seen).isZero();
    }

    @Test
    void write_afterCommit_leavesTheConnectionAsTheService() {
        String inside = scoped.read(alice, () -> jdbc.sql("SELECT current_user").query(String.class).single());

        // the pool has one connection: this is the one the scoped transaction ran on
        Map<String, Object> after = jdbc.sql("""
                SELECT current_user AS role, COALESCE(current_setting('candlekeep.user_id', true), '') AS user_id
                """).query().singleRow();
        assertThat(inside).isEqualTo(UserTransactions.ROLE);
        assertThat(after).containsEntry("role", FreshPostgresDatabase.USER).containsEntry("user_id", "");
    }

    @Test
    void read_insideWorkForTheSameUser_joinsIt() {
        List<Long> seen = scoped.write(alice, () -> scoped.read(alice,
                () -> jdbc.sql("SELECT user_id FROM transactions").query(Long.class).list()));

        assertThat(seen).containsOnly(alice);
    }

    @Test
    void read_insideAnotherTransaction_isRefused() {
        assertThatThrownBy(() -> unscopedTx.execute(status -> scoped.read(alice, () -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not scoped to a user");
        assertThatThrownBy(() -> scoped.write(alice, () -> scoped.read(bob, () -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scoped to user " + alice);
    }

    private long userWithRows(String prefix) {
        String name = prefix + USERS.incrementAndGet();
        long user = jdbc.sql("INSERT INTO app_user (name, role, created_at) VALUES (?, 'USER', 0) RETURNING id")
                .param(name).query(Long.class).single();
        long portfolio = jdbc.sql("""
                INSERT INTO portfolio (user_id, name, base_currency, created_at) VALUES (?, 'main', 'USD', 0) RETURNING id
                """).param(user).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO transactions (portfolio_id, user_id, symbol, side, quantity, price, fee, currency, executed_at,
                                          created_at, updated_at)
                VALUES (?, ?, 'AAPL', 'BUY', '1', '100', '0', 'USD', 0, 0, 0)
                """).params(portfolio, user).update();
        jdbc.sql("""
                INSERT INTO tracked_symbol (symbol, asset_class, source, priority, status, created_at, updated_at)
                VALUES ('AAPL', 'STOCK', 'portfolio', 300, 'ACTIVE', 0, 0) ON CONFLICT DO NOTHING
                """).update();
        jdbc.sql("INSERT INTO interest (user_id, symbol, source, priority, created_at) VALUES (?, 'AAPL', 'portfolio', 300, 0)")
                .param(user).update();
        jdbc.sql("INSERT INTO api_token (token_hash, user_id, created_at) VALUES (?, ?, 0)").params("hash-" + name, user)
                .update();
        return user;
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
