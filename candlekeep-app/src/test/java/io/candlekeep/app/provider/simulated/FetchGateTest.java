package io.candlekeep.app.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate the fault tests hold the simulated provider's fetches with (scripts/crash-test.sh, cluster-test.sh). */
final class FetchGateTest {

    private static final Instant NOW = Instant.parse("2026-03-11T15:07:30Z");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");

    @TempDir
    Path folder;

    /** Counts the gate's polls (the provider has no latency, so every sleep is a poll of a held fetch). */
    private final AtomicInteger polls = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);

    private SimulatedHistoryProvider provider(Path gate) {
        return new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withGateFile(gate), duration -> {
                    polls.incrementAndGet();
                    held.countDown();
                    Thread.sleep(duration.toMillis());
                });
    }

    private FetchOutcome fetch(SimulatedHistoryProvider p) {
        return p.fetch(AAPL, Timeframe.D1, FROM, NOW);
    }

    private CompletableFuture<FetchOutcome> fetchInBackground(SimulatedHistoryProvider p) {
        return CompletableFuture.supplyAsync(() -> fetch(p));
    }

    /** Waits until a fetch is held at the gate; fails the test when none is within a minute. */
    private void awaitHeld() throws InterruptedException {
        assertThat(held.await(60, TimeUnit.SECONDS)).as("a fetch held at the gate").isTrue();
    }

    @Test
    void fetch_beyondTheFilesLimit_waitsUntilTheLimitIsRaised() throws Exception {
        Path gate = Files.writeString(folder.resolve("gate"), "2\n");
        SimulatedHistoryProvider p = provider(gate);

        assertThat(fetch(p)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(fetch(p)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(polls).hasValue(0);
        CompletableFuture<FetchOutcome> third = fetchInBackground(p);
        awaitHeld();
        assertThat(third).isNotDone();

        Files.writeString(gate, "3");

        assertThat(third.get(60, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
        CompletableFuture<FetchOutcome> fourth = fetchInBackground(p);
        int pollsBefore = polls.get();
        while (polls.get() == pollsBefore) {
            Thread.onSpinWait();
        }
        assertThat(fourth).isNotDone();
        Files.delete(gate);
        assertThat(fourth.get(60, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void fetch_gateFileRemoved_releasesEveryHeldFetch() throws Exception {
        Path gate = Files.writeString(folder.resolve("gate"), "0");
        SimulatedHistoryProvider p = provider(gate);
        CompletableFuture<FetchOutcome> first = fetchInBackground(p);
        CompletableFuture<FetchOutcome> second = fetchInBackground(p);
        awaitHeld();

        Files.delete(gate);

        assertThat(first.get(60, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(second.get(60, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(fetch(p)).isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void fetch_gateFileWithoutANumber_holdsEveryFetch() throws Exception {
        Path gate = Files.writeString(folder.resolve("gate"), "hold");
        SimulatedHistoryProvider p = provider(gate);

        CompletableFuture<FetchOutcome> first = fetchInBackground(p);
        awaitHeld();

        assertThat(first).isNotDone();
        Files.writeString(gate, "1");
        assertThat(first.get(60, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void fetch_gateFileAbsent_neverWaits() throws IOException {
        SimulatedHistoryProvider p = provider(folder.resolve("no-gate"));

        for (int i = 0; i < 5; i++) {
            assertThat(fetch(p)).isInstanceOf(FetchOutcome.Fetched.class);
        }
        assertThat(polls).hasValue(0);
    }

    @Test
    void fetch_interruptedWhileHeld_failsAndKeepsTheInterrupt() throws IOException {
        Path gate = Files.writeString(folder.resolve("gate"), "0");
        SimulatedHistoryProvider p = new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withGateFile(gate).withLatency(Duration.ZERO), duration -> {
                    throw new InterruptedException("stop");
                });

        FetchOutcome outcome = fetch(p);

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(Thread.interrupted()).isTrue();
    }
}
