package io.candlekeep.core.provider;

import io.candlekeep.core.domain.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which provider filled which part of a series, kept as a short list of sorted, disjoint {@link ProviderSpan}s: each
 * answer a provider gives overwrites the stored bars in its range, so its span replaces whatever it overlaps.
 */
public final class ProviderSpans {

    private ProviderSpans() {
    }

    /**
     * The spans after {@code newer} wrote its bars: the parts of {@code spans} it overlaps are cut away, and spans of
     * one provider that end up next to each other merge into one (no other provider wrote anything between them).
     *
     * @param spans sorted by start and disjoint, as this method answers them
     * @throws IllegalArgumentException when {@code spans} are not sorted and disjoint
     */
    public static List<ProviderSpan> overlay(List<ProviderSpan> spans, ProviderSpan newer) {
        requireSortedAndDisjoint(spans);
        List<ProviderSpan> cut = new ArrayList<>(spans.size() + 2);
        for (ProviderSpan span : spans) {
            if (!span.overlaps(newer.range())) {
                cut.add(span);
                continue;
            }
            if (span.startInclusive().isBefore(newer.startInclusive())) {
                cut.add(span.withRange(span.startInclusive(), newer.startInclusive()));
            }
            if (span.endExclusive().isAfter(newer.endExclusive())) {
                cut.add(span.withRange(newer.endExclusive(), span.endExclusive()));
            }
        }
        cut.add(newer);
        cut.sort(Comparator.comparing(ProviderSpan::startInclusive));
        List<ProviderSpan> merged = new ArrayList<>(cut.size());
        for (ProviderSpan span : cut) {
            ProviderSpan last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.provider().equals(span.provider())) {
                merged.set(merged.size() - 1, last.withRange(last.startInclusive(), span.endExclusive()));
            } else {
                merged.add(span);
            }
        }
        return List.copyOf(merged);
    }

    /** The parts of {@code spans} inside {@code within}; spans wholly outside it are left out. */
    public static List<ProviderSpan> clip(List<ProviderSpan> spans, TimeRange within) {
        List<ProviderSpan> clipped = new ArrayList<>(spans.size());
        for (ProviderSpan span : spans) {
            if (!span.overlaps(within)) {
                continue;
            }
            Instant start = max(span.startInclusive(), within.startInclusive());
            Instant end = min(span.endExclusive(), within.endExclusive());
            clipped.add(span.withRange(start, end));
        }
        return List.copyOf(clipped);
    }

    private static void requireSortedAndDisjoint(List<ProviderSpan> spans) {
        for (int i = 1; i < spans.size(); i++) {
            if (spans.get(i).startInclusive().isBefore(spans.get(i - 1).endExclusive())) {
                throw new IllegalArgumentException("Spans must be sorted and disjoint, but " + spans.get(i - 1)
                        + " is followed by " + spans.get(i));
            }
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
