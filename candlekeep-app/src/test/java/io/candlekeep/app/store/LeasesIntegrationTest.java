package io.candlekeep.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases on each store, as two instances ask for the same one. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class LeasesIntegrationTest {

    private static final String NAME = "binance-kline-stream";
    private static final Duration LONG = Duration.ofMinutes(10);

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;
    private Leases leases;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind, dir);
        leases = new Leases(db.jdbc(), kind == TestDatabase.Kind.POSTGRES);
    }

    @Test
    void hold_nobodyHoldsIt_takesIt() {
        assertThat(leases.hold(NAME, "a", LONG)).isTrue();
        assertThat(leases.holder(NAME)).contains("a");
    }

    @Test
    void hold_anotherHoldsItInTerm_refusesAndLeavesTheHolder() {
        leases.hold(NAME, "a", LONG);

        assertThat(leases.hold(NAME, "b", LONG)).isFalse();
        assertThat(leases.holder(NAME)).contains("a");
    }

    @Test
    void hold_byTheHolder_renews() {
        leases.hold(NAME, "a", Duration.ofMillis(1));

        assertThat(leases.hold(NAME, "a", LONG)).as("renewed, even after its term ran out").isTrue();
        assertThat(leases.hold(NAME, "b", LONG)).as("the renewed term is running").isFalse();
    }

    @Test
    void hold_holderStoppedRenewing_anotherTakesItOnceTheTermEnds() {
        leases.hold(NAME, "a", Duration.ofMillis(300));

        Eventually.await(Duration.ofSeconds(30), "b holds the lease a stopped renewing",
                () -> leases.hold(NAME, "b", LONG));

        assertThat(leases.holder(NAME)).contains("b");
        assertThat(leases.hold(NAME, "a", LONG)).as("a's renewal, too late").isFalse();
    }

    @Test
    void release_byTheHolder_freesItAtOnce() {
        leases.hold(NAME, "a", LONG);

        leases.release(NAME, "a");

        assertThat(leases.holder(NAME)).isEmpty();
        assertThat(leases.hold(NAME, "b", LONG)).isTrue();
    }

    @Test
    void release_byAnother_changesNothing() {
        leases.hold(NAME, "a", LONG);

        leases.release(NAME, "b");

        assertThat(leases.holder(NAME)).contains("a");
    }

    @Test
    void hold_otherLease_isIndependent() {
        leases.hold(NAME, "a", LONG);

        assertThat(leases.hold("other", "b", LONG)).isTrue();
    }
}
