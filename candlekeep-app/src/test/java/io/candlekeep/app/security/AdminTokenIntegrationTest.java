package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The first start without a configured token makes one, owner-only on disk, prints it, and keeps it across starts. */
@ExtendWith(OutputCaptureExtension.class)
final class AdminTokenIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStart_noConfiguredToken_writesOwnerOnlyFilePrintsUrlAndKeepsItOnRestart(CapturedOutput output)
            throws Exception {
        Path file = dataDir.resolve(AdminToken.FILE_NAME);
        String token;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            token = Files.readString(file).strip();
            assertThat(output.getOut()).contains("/#token=" + token);
            assertThat(me(app, token)).isEqualTo(200);
            assertThat(me(app, ApiClient.ADMIN_TOKEN)).as("the test token is not configured here").isEqualTo(401);
        }
        try (ConfigurableApplicationContext app = start()) {
            assertThat(Files.readString(file).strip()).isEqualTo(token);
            assertThat(me(app, token)).isEqualTo(200);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CandlekeepApplication.class).run(
                "--server.port=0",
                "--candlekeep.data-dir=" + dataDir,
                "--candlekeep.provider=simulated",
                "--candlekeep.security.admin-token=");
    }

    private static int me(ConfigurableApplicationContext app, String token) {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return ApiClient.withToken(port, token).get("/api/v1/me").status();
    }
}
