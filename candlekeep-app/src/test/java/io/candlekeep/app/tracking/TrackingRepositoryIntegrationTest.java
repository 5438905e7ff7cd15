package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Interest on each real store: priorities from the strongest interest, users counted, unwatched symbols retired. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class TrackingRepositoryIntegrationTest {

    static final Symbol AAPL = Symbol.of("AAPL");
    static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    @AutoClose
    TestDatabase db;
    TrackingRepository repository;
    JdbcClient jdbc;
    long alice;
    long bob;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind, dir);
        jdbc = JdbcClient.create(db.writer());
        repository = new TrackingRepository(jdbc);
        alice = user("alice");
        bob = user("bob");
    }


    @Test
    void track_twoUsers_priorityIsTheStrongestAndBothAreCounted() {
        repository.track(bob, AAPL, InterestSource.SEARCH, List.of(Timeframe.D1), T0);
        repository.track(alice, AAPL, InterestSource.WATCHLIST, List.of(Timeframe.H1), T0);

        TrackedSymbol t = repository.find(AAPL).orElseThrow();
        assertThat(t.priority()).isEqualTo(300);
        assertThat(t.source()).isEqualTo(InterestSource.WATCHLIST);
        assertThat(t.trackingUsers()).isEqualTo(2);
        assertThat(t.timeframes()).containsExactlyInAnyOrder(Timeframe.D1, Timeframe.H1);
        assertThat(repository.interestOf(alice)).containsOnlyKeys(AAPL);
    }

    @Test
    void untrack_strongestInterest_priorityFallsToTheNextOne() {
        repository.track(bob, AAPL, InterestSource.SEARCH, List.of(Timeframe.D1), T0);
        repository.track(alice, AAPL, InterestSource.PORTFOLIO, List.of(Timeframe.D1), T0);

        assertThat(repository.untrack(alice, AAPL, null, T0.plusSeconds(60))).isEqualTo(1);

        TrackedSymbol t = repository.find(AAPL).orElseThrow();
        assertThat(t.priority()).isEqualTo(100);
        assertThat(t.source()).isEqualTo(InterestSource.SEARCH);
        assertThat(t.trackingUsers()).isEqualTo(1);
        assertThat(t.unwatchedSince()).isEmpty();
        assertThat(repository.interestOf(alice)).isEmpty();
    }

    @Test
    void untrack_otherSourceOrOtherUser_removesNothing() {
        repository.track(alice, AAPL, InterestSource.WATCHLIST, List.of(Timeframe.D1), T0);

        assertThat(repository.untrack(alice, AAPL, InterestSource.SEARCH, T0)).isZero();
        assertThat(repository.untrack(bob, AAPL, null, T0)).isZero();
        assertThat(repository.find(AAPL).orElseThrow().trackingUsers()).isEqualTo(1);
    }

    @Test
    void retireUnwatched_lastInterestGone_lingersThenTurnsDormantKeepingItsSeries() {
        repository.track(alice, AAPL, InterestSource.WATCHLIST, List.of(Timeframe.D1), T0);
        Instant gone = T0.plus(Duration.ofDays(1));
        repository.untrack(alice, AAPL, null, gone);

        TrackedSymbol unwatched = repository.find(AAPL).orElseThrow();
        assertThat(unwatched.status()).isEqualTo(TrackedSymbol.Status.ACTIVE);
        assertThat(unwatched.priority()).isEqualTo(InterestSource.BACKGROUND.priority());
        assertThat(unwatched.trackingUsers()).isZero();
        assertThat(unwatched.unwatchedSince()).contains(gone);

        assertThat(repository.retireUnwatched(gone.minusMillis(1), gone)).as("still lingering").isEmpty();
        assertThat(repository.retireUnwatched(gone, gone.plus(Duration.ofDays(30)))).containsExactly(AAPL);

        TrackedSymbol dormant = repository.find(AAPL).orElseThrow();
        assertThat(dormant.status()).isEqualTo(TrackedSymbol.Status.DORMANT);
        assertThat(dormant.timeframes()).containsExactly(Timeframe.D1);
    }

    @Test
    void track_dormantSymbol_isActiveAgain() {
        repository.track(alice, AAPL, InterestSource.WATCHLIST, List.of(Timeframe.D1), T0);
        repository.untrack(alice, AAPL, null, T0);
        repository.retireUnwatched(T0, T0);

        repository.track(bob, AAPL, InterestSource.CHART_VIEW, List.of(Timeframe.D1), T0.plusSeconds(1));

        TrackedSymbol t = repository.find(AAPL).orElseThrow();
        assertThat(t.status()).isEqualTo(TrackedSymbol.Status.ACTIVE);
        assertThat(t.unwatchedSince()).isEmpty();
        assertThat(t.priority()).isEqualTo(200);
    }

    @Test
    void track_notFoundSymbol_staysNotFound() {
        repository.track(alice, AAPL, InterestSource.WATCHLIST, List.of(Timeframe.D1), T0);
        repository.markNotFound(AAPL, "delisted", T0);

        repository.track(bob, AAPL, InterestSource.PORTFOLIO, List.of(Timeframe.D1), T0);

        assertThat(repository.find(AAPL).orElseThrow().status()).isEqualTo(TrackedSymbol.Status.NOT_FOUND);
    }

    private long user(String name) {
        jdbc.sql("INSERT INTO app_user (name, role, created_at) VALUES (?, 'USER', 0)").param(name).update();
        return jdbc.sql("SELECT id FROM app_user WHERE name = ?").param(name).query(Long.class).single();
    }
}
