package io.candlekeep.app.testing;

import io.candlekeep.app.store.sqlite.SqliteDataSources;
import io.candlekeep.app.store.sqlite.SqliteStoreConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.sqlite.SQLiteDataSource;

/**
 * Where the data of a test that starts the application lives, on the store the suite runs on: SQLite by default,
 * PostgreSQL when the system property {@code candlekeep.test.store} is {@code postgres} (the {@code postgres}
 * execution of {@code ./mvnw verify}). A test names its data folder; on SQLite the file is in it, on PostgreSQL the
 * folder also names a database of the test's own ({@link TestPostgres}), so an application started again on the same
 * folder finds its data again.
 *
 * <p>When the PostgreSQL run cannot reach its server, the tests skip with the reason (a JUnit assumption): a class
 * whose context Spring starts declares {@link RequireStore}, since an assumption inside Spring's start is a failure;
 * a test that starts the application itself with {@link #args} is skipped by that call.
 */
public final class TestStores {

    public static final String STORE_PROPERTY = "candlekeep.test.store";

    /**
     * The tag of test classes that choose their store themselves (parameterised over both, or SQLite-only): the
     * default execution runs them, the PostgreSQL execution leaves them out.
     */
    public static final String OWN_STORE = "own-store";

    private TestStores() {
    }

    /** Whether this run keeps the application's data in PostgreSQL. */
    public static boolean onPostgres() {
        String store = System.getProperty(STORE_PROPERTY, "sqlite").strip().toLowerCase(Locale.ROOT);
        if (!store.equals("sqlite") && !store.equals("postgres")) {
            throw new IllegalArgumentException(STORE_PROPERTY + " must be sqlite or postgres, was '" + store + "'");
        }
        return store.equals("postgres");
    }

    /** The data folder, and on PostgreSQL its database, for a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, Supplier<Path> dataDir) {
        registry.add("candlekeep.data-dir", () -> dataDir.get().toString());
        if (onPostgres()) {
            registry.add("candlekeep.db.url", () -> TestPostgres.url(dataDir.get()));
            registry.add("candlekeep.db.username", () -> TestPostgres.USERNAME);
        }
    }

    /**
     * The same as command-line arguments, for {@code SpringApplicationBuilder.run} (application.yml outranks its
     * {@code properties(...)}); skips the calling test when its PostgreSQL is unreachable.
     */
    public static List<String> args(Path dataDir) {
        List<String> args = new ArrayList<>(List.of("--candlekeep.data-dir=" + dataDir));
        if (onPostgres()) {
            args.add("--candlekeep.db.url=" + TestPostgres.url(dataDir));
            args.add("--candlekeep.db.username=" + TestPostgres.USERNAME);
        }
        return args;
    }

    /** The database of {@code dataDir}, to read beside the application or after it. */
    public static JdbcClient jdbc(Path dataDir) {
        return JdbcClient.create(dataSource(dataDir));
    }

    /**
     * Makes the data of {@code to} a copy of what the application on {@code from} had committed at one instant, as
     * a process killed then would leave it on disk; replaces what {@code to} held.
     */
    public static void snapshot(Path from, Path to) {
        if (onPostgres()) {
            TestPostgres.copy(from, to);
            return;
        }
        Path file = to.resolve(SqliteStoreConfiguration.DB_FILE_NAME);
        try {
            Files.createDirectories(to);
            try (Stream<Path> old = Files.list(to)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a transactionally consistent copy of the live file
        jdbc(from).sql("VACUUM INTO '" + file.toString().replace("'", "''") + "'").update();
    }

    private static DataSource dataSource(Path dataDir) {
        if (onPostgres()) {
            return TestPostgres.dataSource(TestPostgres.url(dataDir));
        }
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl(SqliteDataSources.jdbcUrl(dataDir.resolve(SqliteStoreConfiguration.DB_FILE_NAME)));
        return source;
    }

    /**
     * Skips each test of the class, before Spring starts its application for it, when the run's store cannot be
     * reached: each shows as skipped with the reason (a class skipped as a whole would show as no tests at all).
     */
    public static final class RequireStore implements TestInstancePreConstructCallback {
        @Override
        public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
            if (onPostgres()) {
                TestPostgres.assumeReachable();
            }
        }
    }
}
