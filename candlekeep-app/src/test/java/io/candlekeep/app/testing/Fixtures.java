package io.candlekeep.app.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the recorded provider responses under {@code ../shared/fixtures}, whose location surefire passes in
 * the system property {@value #PROPERTY}. When the folder is not there (a checkout without shared/), every
 * method here aborts the calling test through a JUnit assumption, so the test is skipped with a message
 * instead of failing. Fixtures are read where they lie, never copied into the repository.
 */
public final class Fixtures {

    public static final String PROPERTY = "candlekeep.fixtures";

    private Fixtures() {
    }

    /** The fixtures root; skips the calling test when it is missing. */
    public static Path root() {
        String location = System.getProperty(PROPERTY);
        assumeTrue(location != null && !location.isBlank(),
                "System property '" + PROPERTY + "' is not set (surefire sets it to ../shared/fixtures); skipping");
        Path root = Path.of(location).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root), "Fixtures folder " + root + " does not exist; skipping");
        return root;
    }

    /** One provider's folder, such as {@code yahoo}; skips the calling test when it is missing. */
    public static Path dir(String provider) {
        Path dir = root().resolve(provider);
        assumeTrue(Files.isDirectory(dir), "Fixtures folder " + dir + " does not exist; skipping");
        return dir;
    }

    /** One fixture file; skips the calling test when it is missing. */
    public static Path path(String provider, String fileName) {
        Path file = dir(provider).resolve(fileName);
        assumeTrue(Files.isRegularFile(file), "Fixture " + file + " does not exist; skipping");
        return file;
    }

    public static byte[] bytes(String provider, String fileName) {
        try {
            return Files.readAllBytes(path(provider, fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + provider + "/" + fileName, e);
        }
    }

    public static String text(String provider, String fileName) {
        return new String(bytes(provider, fileName), StandardCharsets.UTF_8);
    }

    /** Every regular file in one provider's folder, sorted by name. */
    public static List<Path> list(String provider) {
        try (Stream<Path> files = Files.list(dir(provider))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list fixtures of " + provider, e);
        }
    }
}
