package io.candlekeep.app.store.sqlite;

import static io.candlekeep.app.testing.TestBars.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite file's pools: WAL and the other pragmas of the design, one writer, readers that cannot write. */
@Tag(TestStores.OWN_STORE)
final class SqliteDataSourcesIntegrationTest {

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(TestDatabase.Kind.SQLITE, dir.resolve("nested/data"));
    }


    @Test
    void connections_haveThePragmasOfTheDesign() throws SQLException {
        for (DataSource ds : List.of(db.writer(), db.reader())) {
            try (Connection c = ds.getConnection()) {
                assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(c, "synchronous")).isEqualTo("1");
                assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
                assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(c, "temp_store")).isEqualTo("2");
                assertThat(pragma(c, "cache_size")).isEqualTo("-16384");
            }
        }
        assertThat(db.writer().getMaximumPoolSize()).isEqualTo(1);
        try (Connection c = db.reader().getConnection()) {
            assertThat(pragma(c, "query_only")).isEqualTo("1");
        }
    }

    @Test
    void readerPool_write_isRefused() throws SQLException {
        try (Connection c = db.reader().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO series (symbol, timeframe) VALUES ('X', '1d')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void integrityCheck_afterWrites_isOk() throws SQLException {
        var store = db.barStore();
        for (Timeframe tf : Timeframe.values()) {
            store.upsert(SeriesId.of("AAPL", tf), bars(tf, Instant.parse("2026-01-05T00:00:00Z"), 2000));
        }
        try (Connection c = db.writer().getConnection()) {
            assertThat(pragma(c, "integrity_check")).isEqualTo("ok");
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
