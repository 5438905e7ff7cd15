package io.candlekeep.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

final class DatabaseUnavailableTest {

    @Test
    void causes_sqliteBusyOrLockedBehindSpringsTranslation_isUnavailable() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_LOCKED,
                SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT}) {
            var translated = new UncategorizedSQLException("insert", "INSERT INTO x VALUES (1)",
                    new SQLiteException("database is locked", code));
            assertThat(DatabaseUnavailable.causes(translated)).as("%s", code).isTrue();
        }
    }

    @Test
    void causes_otherSqliteErrors_areNotUnavailable() {
        var constraint = new UncategorizedSQLException("insert", "INSERT INTO x VALUES (1)",
                new SQLiteException("UNIQUE constraint failed", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE));
        assertThat(DatabaseUnavailable.causes(constraint)).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("syntax error", "42601"))).isFalse();
    }

    @Test
    void causes_connectionExceptionState_isUnavailable() {
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
    }
}
