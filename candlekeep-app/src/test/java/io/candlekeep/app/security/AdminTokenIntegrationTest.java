package io.candlekeep.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.CandlekeepApplication;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
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
        List<String> args = new ArrayList<>(TestStores.args(dataDir));
        args.addAll(List.of("--server.port=0", "--candlekeep.provider=simulated", "--candlekeep.security.admin-token="));
        return new SpringApplicationBuilder(CandlekeepApplication.class).run(args.toArray(String[]::new));
    }

    private static int me(ConfigurableApplicationContext app, String token) {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return ApiClient.withToken(port, token).get("/api/v1/me").status();
    }
}
