package io.candlekeep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.app.store.sqlite.SqliteDataSources;
import io.candlekeep.app.store.sqlite.SqliteStoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** A fresh, migrated SQLite file in a temporary folder, opened with the app's pools; deleted on close. */
final class BenchDatabase implements AutoCloseable {

    final Path folder;
    final HikariDataSource writer;
    final HikariDataSource reader;

    BenchDatabase() {
        try {
            folder = Files.createTempDirectory("candlekeep-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = folder.resolve("candlekeep.db");
        writer = SqliteDataSources.writer(file, SqliteStoreProperties.defaults());
        reader = SqliteDataSources.reader(file, SqliteStoreProperties.defaults());
        Flyway.configure().dataSource(writer).locations("classpath:db/migration/sqlite").load().migrate();
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
