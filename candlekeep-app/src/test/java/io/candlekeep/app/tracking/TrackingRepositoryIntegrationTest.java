package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Test
    void track_manySymbolsInOneCall_eachIsRecordedAndSettledOnItsOwn() {
        Symbol msft = Symbol.of("MSFT");
        Symbol btc = Symbol.of("BTC-USD");
        repository.track(bob, msft, InterestSource.PORTFOLIO, List.of(Timeframe.D1), T0);
        repository.track(bob, btc, InterestSource.WATCHLIST, List.of(Timeframe.D1), T0);
        repository.untrack(bob, btc, null, T0);
        repository.retireUnwatched(T0, T0);

        repository.track(alice, List.of(msft, AAPL, btc, AAPL), InterestSource.SEARCH, List.of(Timeframe.H1, Timeframe.D1),
                T0.plusSeconds(1));

        assertThat(repository.findAll(List.of(AAPL, msft, btc, Symbol.of("ZZZZ"))))
                .extracting(TrackedSymbol::symbol, TrackedSymbol::source, TrackedSymbol::priority, TrackedSymbol::status,
                        TrackedSymbol::trackingUsers, TrackedSymbol::timeframes)
                .containsExactly(
                        tuple(AAPL, InterestSource.SEARCH, 100, TrackedSymbol.Status.ACTIVE, 1, Set.of(Timeframe.H1, Timeframe.D1)),
                        tuple(btc, InterestSource.SEARCH, 100, TrackedSymbol.Status.ACTIVE, 1, Set.of(Timeframe.H1, Timeframe.D1)),
                        tuple(msft, InterestSource.PORTFOLIO, 400, TrackedSymbol.Status.ACTIVE, 2, Set.of(Timeframe.H1, Timeframe.D1)));
        assertThat(repository.interestOf(alice)).containsOnlyKeys(AAPL, btc, msft);
        assertThat(repository.interestOf(alice, List.of(msft, Symbol.of("ZZZZ"))))
                .containsExactly(Map.entry(msft, List.of(InterestSource.SEARCH)));
        assertThat(repository.find(btc).orElseThrow().unwatchedSince()).as("watched again").isEmpty();
    }

    @Test
    void page_keysetByStatusAndUser_listsThePageAndOneMore_andCountsThemAll() {
        List<Symbol> symbols = List.of("A1", "A2", "A3", "B1", "B2").stream().map(Symbol::of).toList();
        repository.track(alice, symbols, InterestSource.WATCHLIST, List.of(Timeframe.D1), T0);
        repository.track(bob, List.of(Symbol.of("A2"), Symbol.of("C1")), InterestSource.SEARCH, List.of(Timeframe.D1), T0);
        repository.markNotFound(Symbol.of("A3"), "delisted", T0);

        assertThat(page(Optional.of(alice), 2, null, null)).containsExactly("A1", "A2", "A3");
        assertThat(page(Optional.of(alice), 2, "A2", null)).containsExactly("A3", "B1", "B2");
        assertThat(page(Optional.of(alice), 10, "B1", null)).containsExactly("B2");
        assertThat(page(Optional.of(bob), 10, null, null)).containsExactly("A2", "C1");
        assertThat(page(Optional.empty(), 10, "A3", null)).containsExactly("B1", "B2", "C1");
        assertThat(page(Optional.of(alice), 10, null, TrackedSymbol.Status.NOT_FOUND)).containsExactly("A3");
        assertThat(page(Optional.empty(), 1, null, TrackedSymbol.Status.ACTIVE)).containsExactly("A1", "A2");
        assertThat(repository.count(Optional.of(alice), TrackingListQuery.firstPage())).isEqualTo(5);
        assertThat(repository.count(Optional.empty(),
                new TrackingListQuery(1, Optional.empty(), Optional.of(TrackedSymbol.Status.ACTIVE)))).isEqualTo(5);
    }

    private List<String> page(Optional<Long> user, int limit, String after, TrackedSymbol.Status status) {
        return repository.page(user, new TrackingListQuery(limit, Optional.ofNullable(after).map(Symbol::of),
                Optional.ofNullable(status))).stream().map(t -> t.symbol().value()).toList();
    }

    private long user(String name) {
        jdbc.sql("INSERT INTO app_user (name, role, created_at) VALUES (?, 'USER', 0)").param(name).update();
        return jdbc.sql("SELECT id FROM app_user WHERE name = ?").param(name).query(Long.class).single();
    }
}
