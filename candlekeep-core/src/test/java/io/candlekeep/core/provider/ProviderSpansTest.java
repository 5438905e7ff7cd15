package io.candlekeep.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProviderSpansTest {

    private static Instant day(int dayOfMonth) {
        return LocalDate.of(2026, 6, dayOfMonth).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static ProviderSpan span(String provider, int fromDay, int toDay) {
        return ProviderSpan.of(provider, day(fromDay), day(toDay));
    }

    @Test
    void overlay_noSpans_isTheNewSpan() {
        assertThat(ProviderSpans.overlay(List.of(), span("stooq", 1, 5))).containsExactly(span("stooq", 1, 5));
    }

    @Test
    void overlay_sameProviderOverlapping_mergesIntoOne() {
        // a tail sync asks again from the last stored bar, so its answer overlaps the span it extends
        assertThat(ProviderSpans.overlay(List.of(span("yahoo", 1, 10)), span("yahoo", 9, 12)))
                .containsExactly(span("yahoo", 1, 12));
    }

    @Test
    void overlay_otherProviderInside_splitsTheOlderSpan() {
        assertThat(ProviderSpans.overlay(List.of(span("yahoo", 1, 20)), span("stooq", 5, 8)))
                .containsExactly(span("yahoo", 1, 5), span("stooq", 5, 8), span("yahoo", 8, 20));
    }

    @Test
    void overlay_otherProviderOverTheEnd_trimsTheOlderSpan() {
        assertThat(ProviderSpans.overlay(List.of(span("yahoo", 1, 10)), span("stooq", 8, 15)))
                .containsExactly(span("yahoo", 1, 8), span("stooq", 8, 15));
    }

    @Test
    void overlay_otherProviderOverTheStart_trimsTheOlderSpan() {
        assertThat(ProviderSpans.overlay(List.of(span("yahoo", 5, 10)), span("stooq", 1, 7)))
                .containsExactly(span("stooq", 1, 7), span("yahoo", 7, 10));
    }

    @Test
    void overlay_coveringOlderSpans_replacesThem() {
        List<ProviderSpan> spans = List.of(span("yahoo", 2, 4), span("stooq", 4, 6), span("yahoo", 6, 8));
        assertThat(ProviderSpans.overlay(spans, span("stooq", 1, 9))).containsExactly(span("stooq", 1, 9));
    }

    @Test
    void overlay_sameProviderAfterAGap_mergesTheNeighbours() {
        // no other provider wrote anything between them: the bars there (if any) are the same provider's
        assertThat(ProviderSpans.overlay(List.of(span("yahoo", 1, 5)), span("yahoo", 8, 10)))
                .containsExactly(span("yahoo", 1, 10));
    }

    @Test
    void overlay_sameProviderOnBothSidesOfAnother_keepsTheOtherBetween() {
        List<ProviderSpan> spans = List.of(span("yahoo", 1, 5), span("stooq", 5, 8));
        assertThat(ProviderSpans.overlay(spans, span("yahoo", 8, 10)))
                .containsExactly(span("yahoo", 1, 5), span("stooq", 5, 8), span("yahoo", 8, 10));
    }

    @Test
    void overlay_newerProviderBackOverTheOther_joinsItsOwnSpans() {
        List<ProviderSpan> spans = List.of(span("yahoo", 1, 5), span("stooq", 5, 8), span("yahoo", 8, 10));
        assertThat(ProviderSpans.overlay(spans, span("yahoo", 4, 9))).containsExactly(span("yahoo", 1, 10));
    }

    @Test
    void overlay_spansOutOfOrder_isRefused() {
        List<ProviderSpan> spans = List.of(span("yahoo", 5, 8), span("stooq", 1, 6));
        assertThatThrownBy(() -> ProviderSpans.overlay(spans, span("yahoo", 9, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted and disjoint");
    }

    @Test
    void clip_spansReachingOutside_areCutAndThoseOutsideDropped() {
        List<ProviderSpan> spans = List.of(span("yahoo", 1, 5), span("stooq", 5, 8), span("yahoo", 8, 10));
        assertThat(ProviderSpans.clip(spans, TimeRange.of(day(3), day(7))))
                .containsExactly(span("yahoo", 3, 5), span("stooq", 5, 7));
    }

    @Test
    void of_emptyRangeOrBlankProvider_isRefused() {
        assertThatThrownBy(() -> ProviderSpan.of("yahoo", day(3), day(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ProviderSpan.of(" ", day(3), day(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider");
    }
}
