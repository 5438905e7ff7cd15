package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first start without a configured token makes one, owner-only on disk, prints where it is (never the token),
 * and keeps it across starts; the data folder and the database's files are the owner's only.
 */
@ExtendWith(OutputCaptureExtension.class)
final class AdminTokenIntegrationTest {

    @TempDir
    Path temp;
    Path dataDir;

    @BeforeEach
    void dataDirNotYetMade() {
        dataDir = temp.resolve("data");
    }

    @Test
    void firstStart_noConfiguredToken_writesOwnerOnlyFilePrintsItsPathAndKeepsItOnRestart(CapturedOutput output)
            throws Exception {
        Path file = dataDir.resolve(AdminToken.FILE_NAME);
        String token;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            token = Files.readString(file).strip();
            assertThat(output.getOut()).as("the log names the file, never the token")
                    .contains("admin token from " + file).doesNotContain(token);
            assertThat(me(app, token)).isEqualTo(200);
            assertThat(me(app, ApiClient.ADMIN_TOKEN)).as("the test token is not configured here").isEqualTo(401);
        }
        try (ConfigurableApplicationContext app = start()) {
            assertThat(Files.readString(file).strip()).isEqualTo(token);
            assertThat(me(app, token)).isEqualTo(200);
        }
    }

    @Test
    void start_onSqlite_makesDataFolderAndDatabaseFilesOwnerOnly() throws Exception {
        assumeFalse(TestStores.onPostgres(), "the data folder holds the database on SQLite only");
        try (ConfigurableApplicationContext app = start()) {
            assertThat(me(app, Files.readString(dataDir.resolve(AdminToken.FILE_NAME)).strip())).isEqualTo(200);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            List<String> files;
            try (Stream<Path> list = Files.list(dataDir)) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(files).contains("candlekeep.db", "candlekeep.db-wal", "candlekeep.db-shm", AdminToken.FILE_NAME);
            for (String name : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(name))))
                        .as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void start_existingFolderAndDatabaseReadableByOthers_narrowsThemToTheOwner() throws Exception {
        assumeFalse(TestStores.onPostgres(), "the data folder holds the database on SQLite only");
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.createFile(dataDir.resolve("candlekeep.db"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        try (ConfigurableApplicationContext app = start()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("candlekeep.db-wal"))))
                    .isEqualTo("rw-------");
        }
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(TestStores.args(dataDir));
        args.addAll(List.of("--server.port=0", "--candlekeep.provider=simulated", "--candlekeep.security.admin-token="));
        return new SpringApplicationBuilder(CandlekeepApplication.class).run(args.toArray(String[]::new));
    }

    private static int me(ConfigurableApplicationContext app, String token) {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return ApiClient.withToken(port, token).get("/api/v1/me").status();
    }
}
