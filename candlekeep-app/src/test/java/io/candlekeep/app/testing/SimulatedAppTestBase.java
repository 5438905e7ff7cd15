package io.candlekeep.app.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on the simulated provider over real HTTP, its data in a temporary folder on the suite's
 * store ({@link TestStores}). A subclass adds settings with a {@code @DynamicPropertySource} of its own. The
 * application stops after each class: no other class would use it, and on PostgreSQL its pool holds connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(TestStores.RequireStore.class)
public abstract class SimulatedAppTestBase {

    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    static void simulatedAppProperties(DynamicPropertyRegistry registry) {
        TestStores.register(registry, () -> dataDir);
        registry.add("candlekeep.provider", () -> "simulated");
    }

    @LocalServerPort
    protected int port;

    /** Acts as the admin. */
    protected ApiClient api;

    @BeforeEach
    void setUpApiClient() {
        api = new ApiClient(port);
    }
}
