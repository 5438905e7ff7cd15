package io.candlekeep.app.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL server of the tests ({@link FreshPostgresDatabase#HOST} as {@link FreshPostgresDatabase#USER}, a
 * superuser, as creating databases and refilling tables with their foreign keys unchecked take), holding one database
 * per data folder, {@code ck_test_<pid>_<hash of the folder>}, and one database {@code ck_test_<pid>_schemas} whose
 * schemas store-level tests take in turn (a database per test would cost a migration to make and a checkpoint to
 * drop). Others run tests against the same server at the same time, so a JVM drops only its own databases (when it
 * exits) and those whose JVM has ended (at first use, left by a run that was killed).
 */
final class TestPostgres {

    static final String USERNAME = FreshPostgresDatabase.USER;
    private static final String SERVER_URL = "jdbc:postgresql://" + FreshPostgresDatabase.HOST + "/postgres";
    private static final String MIGRATIONS = "classpath:db/migration/postgresql";
    private static final Pattern NAME = Pattern.compile("ck_test_(\\d+)_[0-9a-z]+");

    /** This JVM's databases by the end of their name. */
    private static final Map<String, String> databases = new ConcurrentHashMap<>();
    private static final AtomicInteger schemas = new AtomicInteger();
    private static final Queue<String> freeSchemas = new ConcurrentLinkedQueue<>();
    /** What a freshly migrated schema holds. */
    private static volatile Contents migrated;

    private TestPostgres() {
    }

    /** Connects once, on first use: why the server cannot be used, or empty. */
    private static final class Server {
        static final Optional<String> UNREACHABLE = open();

        private static Optional<String> open() {
            Optional<String> unreachable = FreshPostgresDatabase.unreachable();
            if (unreachable.isPresent()) {
                LoggerFactory.getLogger(TestPostgres.class).warn("[TEST] {}", unreachable.get());
                return unreachable;
            }
            dropDatabasesOfEndedJvms();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropOwnDatabases, "test-databases-drop"));
            return Optional.empty();
        }
    }

    /** Aborts the calling test (JUnit assumption: skipped, with the reason) when the server cannot be used. */
    static void assumeReachable() {
        assumeTrue(Server.UNREACHABLE.isEmpty(), () -> Server.UNREACHABLE.orElseThrow());
    }

    /** The URL of the database of {@code dataDir}, created empty on first use. */
    static String url(Path dataDir) {
        return urlOf(database(hash(dataDir.toAbsolutePath().normalize().toString())));
    }

    /**
     * A schema in this JVM's database of schemas holding what the migrations leave: one an earlier test gave back,
     * emptied and refilled with that (milliseconds), or else a new one, migrated (hundreds of milliseconds).
     */
    static String takeSchema() {
        String schema = freeSchemas.poll();
        if (schema != null) {
            replace(dataSource(schemaUrl(schema)), migrated);
            return schema;
        }
        schema = "s" + schemas.incrementAndGet();
        DataSource source = dataSource(schemaUrl(schema));
        Flyway.configure().dataSource(source).schemas(schema).locations(MIGRATIONS).load().migrate();
        if (migrated == null) {
            migrated = contents(source);
        }
        return schema;
    }

    /** Makes {@code schema} available to the next {@link #takeSchema()}, once nothing is connected to it. */
    static void giveBack(String schema) {
        freeSchemas.add(schema);
    }

    /** The URL of connections that work in {@code schema}. */
    static String schemaUrl(String schema) {
        String url = urlOf(database("schemas"));
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static DataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(USERNAME);
        source.setConnectTimeout(3);
        return source;
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
    }

    /**
     * Replaces what the database of {@code to} holds with what the database of {@code from} had committed at one
     * instant, as a process that died then leaves it.
     */
    static void copy(Path from, Path to) {
        DataSource target = dataSource(url(to));
        migrate(target);
        replace(target, contents(dataSource(url(from))));
    }

    /** The rows of every table but Flyway's, as {@code COPY} text by table. */
    private record Contents(Map<String, byte[]> rowsByTable) {
    }

    /** What {@code source} holds, read in one repeatable-read transaction. */
    private static Contents contents(DataSource source) {
        try (Connection c = source.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            CopyManager out = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, byte[]> rowsByTable = new LinkedHashMap<>();
            for (String table : tables(c)) {
                ByteArrayOutputStream rows = new ByteArrayOutputStream();
                out.copyOut("COPY " + table + " TO STDOUT", rows);
                rowsByTable.put(table, rows.toByteArray());
            }
            c.commit();
            return new Contents(rowsByTable);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not read the tables of " + source, e);
        }
    }

    /** Makes {@code target}, migrated as the source of {@code contents} was, hold exactly {@code contents}. */
    private static void replace(DataSource target, Contents contents) {
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // foreign keys are not checked while the tables fill in any order
            s.execute("SET LOCAL session_replication_role = replica");
            s.execute("TRUNCATE " + String.join(", ", contents.rowsByTable().keySet()));
            CopyManager in = c.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<String, byte[]> e : contents.rowsByTable().entrySet()) {
                in.copyIn("COPY " + e.getKey() + " FROM STDIN", new ByteArrayInputStream(e.getValue()));
            }
            // identity columns go on after the copied ids, as they would in the source
            s.execute("""
                    DO $$ DECLARE c record; BEGIN
                      FOR c IN SELECT table_name, column_name FROM information_schema.columns
                                WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP
                        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE(MAX(%I), 0) + 1, false) FROM %I',
                                       c.table_name, c.column_name, c.column_name, c.table_name);
                      END LOOP; END $$""");
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not refill the tables of " + target, e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                   AND table_name <> 'flyway_schema_history' ORDER BY table_name""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** The database {@code ck_test_<pid>_<suffix>}, created empty on first use. */
    private static String database(String suffix) {
        assumeReachable();
        return databases.computeIfAbsent(suffix, s -> {
            String name = "ck_test_" + ProcessHandle.current().pid() + "_" + s;
            server().sql("CREATE DATABASE " + name).update();
            // no test needs a commit to outlive a crash of the server: commits stop waiting for a busy disk
            server().sql("ALTER DATABASE " + name + " SET synchronous_commit = off").update();
            return name;
        });
    }

    private static void dropDatabasesOfEndedJvms() {
        for (String name : server().sql("SELECT datname FROM pg_database").query(String.class).list()) {
            Matcher m = NAME.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                server().sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
            }
        }
    }

    /** At exit; concurrently, since each drop waits for a checkpoint and concurrent ones share it. */
    private static void dropOwnDatabases() {
        try (var drops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : databases.values()) {
                drops.submit(() -> server().sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update());
            }
        }
    }

    private static JdbcClient server() {
        return JdbcClient.create(dataSource(SERVER_URL));
    }

    private static String urlOf(String database) {
        int query = SERVER_URL.indexOf('?');
        String base = query < 0 ? SERVER_URL : SERVER_URL.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : SERVER_URL.substring(query));
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
