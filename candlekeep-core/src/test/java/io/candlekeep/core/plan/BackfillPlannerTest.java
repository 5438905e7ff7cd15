package io.candlekeep.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class BackfillPlannerTest {

    /** Deliberately not on a minute boundary, as a real clock reading is not. */
    private static final Instant NOW = Instant.parse("2026-03-11T14:37:12.345Z");

    /** Like Yahoo: no native 4h, 15m only 60 days back, 1h 730 days back. */
    private static final ProviderCapabilities YAHOO_LIKE = new ProviderCapabilities(
            EnumSet.of(AssetClass.STOCK),
            EnumSet.of(Timeframe.M15, Timeframe.H1, Timeframe.D1),
            Map.of(Timeframe.M15, Duration.ofDays(60), Timeframe.H1, Duration.ofDays(730)),
            Map.of(Timeframe.M15, Duration.ofDays(60), Timeframe.H1, Duration.ofDays(730),
                    Timeframe.D1, Duration.ofDays(36_500)),
            2.0);

    /** Like Binance: every timeframe native, 1000 klines a request, no lookback limit. */
    private static final ProviderCapabilities SMALL_REQUESTS = new ProviderCapabilities(
            EnumSet.of(AssetClass.CRYPTO),
            EnumSet.of(Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1),
            Map.of(),
            Map.of(Timeframe.M15, Duration.ofMinutes(15 * 1000), Timeframe.H1, Duration.ofHours(1000),
                    Timeframe.H4, Duration.ofHours(4000), Timeframe.D1, Duration.ofDays(1000)),
            10.0);

    private static PlanRequest request(Timeframe tf, Duration window, List<TimeRange> covered,
            ProviderCapabilities caps) {
        return PlanRequest.of(tf, window, NOW, covered, caps);
    }

    private static Instant minutesFloor(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), 60_000L) * 60_000L);
    }

    /** The slices sorted oldest first and glued where they touch. */
    private static List<TimeRange> union(List<TimeRange> slices) {
        List<TimeRange> sorted = new ArrayList<>(slices);
        sorted.sort((a, b) -> a.startInclusive().compareTo(b.startInclusive()));
        List<TimeRange> out = new ArrayList<>();
        for (TimeRange r : sorted) {
            if (!out.isEmpty() && !out.getLast().endExclusive().isBefore(r.startInclusive())) {
                TimeRange last = out.removeLast();
                Instant end = last.endExclusive().isAfter(r.endExclusive()) ? last.endExclusive() : r.endExclusive();
                out.add(TimeRange.of(last.startInclusive(), end));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static void assertNewestFirstAndDisjoint(List<TimeRange> slices) {
        for (int i = 1; i < slices.size(); i++) {
            assertThat(slices.get(i).endExclusive()).as("slice %d ends no later than slice %d starts", i, i - 1)
                    .isBeforeOrEqualTo(slices.get(i - 1).startInclusive());
        }
        assertThat(slices).allSatisfy(s -> assertThat(s.isEmpty()).isFalse());
    }

    @Test
    void plan_emptyStore_fetchesWholeWindowEndingNow() {
        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H1, Duration.ofDays(90), List.of(), YAHOO_LIKE));

        assertThat(plan.fetchTimeframe()).isEqualTo(Timeframe.H1);
        assertThat(plan.beyondReach()).isEmpty();
        assertThat(plan.slices().getFirst().endExclusive()).isEqualTo(NOW);
        assertNewestFirstAndDisjoint(plan.slices());
        assertThat(union(plan.slices()))
                .containsExactly(TimeRange.of(minutesFloor(NOW.minus(Duration.ofDays(90))), NOW));
    }

    @Test
    void plan_fullyCovered_hasNoSlices() {
        List<TimeRange> covered = List.of(TimeRange.of(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofHours(1))));

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H1, Duration.ofDays(90), covered, YAHOO_LIKE));

        assertThat(plan.slices()).isEmpty();
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.beyondReach()).isEmpty();
    }

    @Test
    void plan_coveredUpToLastBar_fetchesOnlyTheTail() {
        Instant first = Instant.parse("2025-12-01T14:30:00Z");
        Instant last = Instant.parse("2026-03-10T19:30:00Z");
        List<TimeRange> covered = List.of(TimeRange.of(first, last.plus(Timeframe.H1.duration())));

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H1, Duration.ofDays(90), covered, YAHOO_LIKE));

        assertThat(plan.slices()).containsExactly(TimeRange.of(last.plus(Timeframe.H1.duration()), NOW));
    }

    @Test
    void plan_holeInTheMiddle_fetchesOnlyTheHole() {
        Instant holeStart = Instant.parse("2026-02-02T00:00:00Z");
        Instant holeEnd = Instant.parse("2026-02-05T00:00:00Z");
        List<TimeRange> covered = List.of(
                TimeRange.of(holeEnd, NOW),
                TimeRange.of(NOW.minus(Duration.ofDays(100)), holeStart));

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H1, Duration.ofDays(90), covered, YAHOO_LIKE));

        assertThat(union(plan.slices())).containsExactly(TimeRange.of(holeStart, holeEnd));
        assertNewestFirstAndDisjoint(plan.slices());
    }

    @Test
    void plan_unsortedOverlappingCovered_isMergedBeforeSubtracting() {
        Instant a = Instant.parse("2026-01-10T00:00:00Z");
        Instant b = Instant.parse("2026-01-20T00:00:00Z");
        Instant c = Instant.parse("2026-02-01T00:00:00Z");
        List<TimeRange> covered = List.of(
                TimeRange.of(b, c),
                TimeRange.of(a, b.plus(Duration.ofDays(2))),
                TimeRange.of(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z")));

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H1, Duration.ofDays(90), covered, YAHOO_LIKE));

        assertThat(union(plan.slices())).containsExactly(
                TimeRange.of(minutesFloor(NOW.minus(Duration.ofDays(90))), a),
                TimeRange.of(c, NOW));
    }

    @Test
    void plan_windowBeyondProviderLookback_isClipped() {
        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.M15, Duration.ofDays(90), List.of(), YAHOO_LIKE));

        Instant reach = NOW.minus(Duration.ofDays(60));
        assertThat(plan.slices()).allSatisfy(s -> assertThat(s.startInclusive()).isAfterOrEqualTo(reach));
        assertThat(plan.slices().getLast().startInclusive()).isBefore(reach.plus(Duration.ofMinutes(1)));
        assertThat(plan.beyondReach()).hasValueSatisfying(beyond -> {
            assertThat(beyond.startInclusive()).isEqualTo(minutesFloor(NOW.minus(Duration.ofDays(90))));
            assertThat(beyond.endExclusive()).isEqualTo(plan.slices().getLast().startInclusive());
        });
    }

    @Test
    void plan_olderPartAlreadyStored_reportsNothingBeyondReach() {
        List<TimeRange> covered = List.of(TimeRange.of(NOW.minus(Duration.ofDays(120)), NOW.minus(Duration.ofDays(50))));

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.M15, Duration.ofDays(90), covered, YAHOO_LIKE));

        assertThat(plan.beyondReach()).isEmpty();
        // the missing start is floored to the whole minute, re-reading a few seconds that are stored
        assertThat(union(plan.slices())).containsExactly(TimeRange.of(minutesFloor(NOW.minus(Duration.ofDays(50))), NOW));
    }

    @Test
    void plan_derivedTimeframe_fetchesSourceWithItsLimits() {
        // 4h is not native: it is fetched as 1h, so the 1h lookback (730 days) applies, not a missing 4h entry
        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H4, Duration.ofDays(365), List.of(), YAHOO_LIKE));

        assertThat(plan.fetchTimeframe()).isEqualTo(Timeframe.H1);
        assertThat(plan.beyondReach()).isEmpty();
        assertThat(union(plan.slices()))
                .containsExactly(TimeRange.of(minutesFloor(NOW.minus(Duration.ofDays(365))), NOW));
    }

    @Test
    void plan_derivedTimeframeBeyondSourceLookback_isClippedBySourceLookback() {
        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H4, Duration.ofDays(1000), List.of(), YAHOO_LIKE));

        assertThat(plan.fetchTimeframe()).isEqualTo(Timeframe.H1);
        assertThat(plan.beyondReach()).isPresent();
        assertThat(plan.slices().getLast().startInclusive()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(730)));
    }

    @Test
    void plan_smallMaxRange_slicesNewestFirstEachWithinMaxRange() {
        Duration window = Duration.ofDays(90);

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.M15, window, List.of(), SMALL_REQUESTS));

        Duration max = SMALL_REQUESTS.maxRangeOf(Timeframe.M15);
        assertThat(plan.slices()).hasSizeGreaterThanOrEqualTo((int) (window.toMillis() / max.toMillis()));
        assertThat(plan.slices()).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(max));
        assertNewestFirstAndDisjoint(plan.slices());
        assertThat(union(plan.slices()))
                .containsExactly(TimeRange.of(minutesFloor(NOW.minus(window)), NOW));
    }

    @Test
    void plan_firstSlice_isCappedAtFirstSliceSpan() {
        for (Timeframe tf : Timeframe.values()) {
            BackfillPlan plan = BackfillPlanner.plan(request(tf, Duration.ofDays(365), List.of(), SMALL_REQUESTS));

            TimeRange first = plan.slices().getFirst();
            Duration span = BackfillPlanner.firstSliceSpanOf(tf);
            assertThat(first.endExclusive()).isEqualTo(NOW);
            assertThat(first.length()).as("first slice of %s", tf)
                    .isLessThanOrEqualTo(span)
                    .isGreaterThanOrEqualTo(span.dividedBy(2));
            assertThat(plan.slices().size()).isGreaterThan(1);
        }
    }

    @Test
    void plan_firstSliceSpanWiderThanMaxRange_isCappedAtMaxRange() {
        // 15m on this provider allows 250 hours a request; the 1d first-slice span of 60 days is wider than that
        ProviderCapabilities only15m = new ProviderCapabilities(EnumSet.of(AssetClass.CRYPTO),
                EnumSet.of(Timeframe.M15), Map.of(), Map.of(Timeframe.M15, Duration.ofHours(250)), 10.0);

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.D1, Duration.ofDays(365), List.of(), only15m));

        assertThat(plan.fetchTimeframe()).isEqualTo(Timeframe.M15);
        assertThat(plan.slices().getFirst().length()).isLessThanOrEqualTo(Duration.ofHours(250));
        assertThat(plan.slices()).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(Duration.ofHours(250)));
    }

    @Test
    void plan_withOverlap_extendsMissingStartBackwards() {
        Instant last = Instant.parse("2026-03-10T19:30:00Z");
        List<TimeRange> covered = List.of(TimeRange.of(NOW.minus(Duration.ofDays(100)), last.plus(Duration.ofHours(1))));

        BackfillPlan plan = BackfillPlanner.plan(
                request(Timeframe.H1, Duration.ofDays(90), covered, YAHOO_LIKE).withOverlap(Duration.ofHours(1)));

        assertThat(plan.slices()).containsExactly(TimeRange.of(last, NOW));
    }

    @Test
    void plan_overlapReachingBeforeTarget_stopsAtTargetStart() {
        Duration window = Duration.ofDays(3);

        BackfillPlan plan = BackfillPlanner.plan(
                request(Timeframe.H1, window, List.of(), YAHOO_LIKE).withOverlap(Duration.ofDays(10)));

        assertThat(union(plan.slices())).containsExactly(TimeRange.of(minutesFloor(NOW.minus(window)), NOW));
    }

    @Test
    void plan_overlapAcrossShortCoveredIsland_mergesTheMissingRanges() {
        Instant islandStart = Instant.parse("2026-03-09T15:00:00Z");
        Instant islandEnd = Instant.parse("2026-03-09T16:00:00Z");
        List<TimeRange> covered = List.of(TimeRange.of(islandStart, islandEnd));

        BackfillPlan plan = BackfillPlanner.plan(
                request(Timeframe.H1, Duration.ofDays(5), covered, YAHOO_LIKE).withOverlap(Duration.ofHours(2)));

        assertNewestFirstAndDisjoint(plan.slices());
        assertThat(union(plan.slices()))
                .containsExactly(TimeRange.of(minutesFloor(NOW.minus(Duration.ofDays(5))), NOW));
    }

    @Test
    void plan_sameInputs_giveSameSlices() {
        List<TimeRange> covered = List.of(TimeRange.of(Instant.parse("2026-01-03T10:17:31Z"), Instant.parse("2026-01-20T00:00:00Z")));

        BackfillPlan a = BackfillPlanner.plan(request(Timeframe.M15, Duration.ofDays(200), covered, SMALL_REQUESTS));
        BackfillPlan b = BackfillPlanner.plan(request(Timeframe.M15, Duration.ofDays(200), List.copyOf(covered), SMALL_REQUESTS));

        assertThat(a).isEqualTo(b);
    }

    @Test
    void plan_sliceStarts_areWholeUtcMinutes() {
        List<TimeRange> covered = List.of(TimeRange.of(Instant.parse("2026-01-03T10:17:31.5Z"), Instant.parse("2026-01-20T00:00:07Z")));

        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.M15, Duration.ofDays(200), covered, SMALL_REQUESTS));

        assertThat(plan.slices()).allSatisfy(s -> assertThat(s.startInclusive().toEpochMilli() % 60_000L).isZero());
    }

    @Test
    void plan_replannedAnHourLater_keepsOlderSliceBoundaries() {
        BackfillPlan before = BackfillPlanner.plan(request(Timeframe.M15, Duration.ofDays(90), List.of(), SMALL_REQUESTS));
        BackfillPlan after = BackfillPlanner.plan(PlanRequest.of(Timeframe.M15, Duration.ofDays(90),
                NOW.plus(Duration.ofHours(1)), List.of(), SMALL_REQUESTS));

        // the newest two slices and the oldest one move with the clock; everything in between is a stable job key
        List<TimeRange> middle = before.slices().subList(2, before.slices().size() - 1);
        assertThat(middle).isNotEmpty();
        assertThat(after.slices()).containsAll(middle);
    }

    @Test
    void plan_zeroWindow_hasNoSlices() {
        BackfillPlan plan = BackfillPlanner.plan(request(Timeframe.H1, Duration.ZERO, List.of(), YAHOO_LIKE));

        assertThat(plan.slices()).isEmpty();
        assertThat(plan.beyondReach()).isEmpty();
    }

    @Test
    void of_negativeWindow_isRejected() {
        assertThatThrownBy(() -> request(Timeframe.H1, Duration.ofDays(-1), List.of(), YAHOO_LIKE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window")
                .hasMessageContaining("PT-24H");
    }

    @Test
    void withOverlap_negative_isRejected() {
        assertThatThrownBy(() -> request(Timeframe.H1, Duration.ofDays(1), List.of(), YAHOO_LIKE)
                .withOverlap(Duration.ofMinutes(-15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void plan_timeframeTheProviderCannotBuild_isRejected() {
        ProviderCapabilities dailyOnly = new ProviderCapabilities(Set.of(AssetClass.STOCK), Set.of(Timeframe.D1),
                Map.of(), Map.of(Timeframe.D1, Duration.ofDays(3650)), 1.0);

        assertThatThrownBy(() -> BackfillPlanner.plan(request(Timeframe.H1, Duration.ofDays(5), List.of(), dailyOnly)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1h");
    }
}
