package io.candlekeep.app.bars;

import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.domain.BarSeries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Reads bars for the API through the hot cache, and keeps the answers written from it ({@link EncodedBars}). */
@Service
public class BarService {

    private final CachingBarStore store;
    private final KnownSymbols knownSymbols;
    private final EncodedBars encoded;

    BarService(CachingBarStore store, KnownSymbols knownSymbols,
            @Value("${candlekeep.bars.answers.max-bytes:67108864}") long maxAnswerBytes) {
        this.store = store;
        this.knownSymbols = knownSymbols;
        if (maxAnswerBytes < 0) {
            throw new IllegalArgumentException("candlekeep.bars.answers.max-bytes must be >= 0, got " + maxAnswerBytes);
        }
        this.encoded = new EncodedBars(maxAnswerBytes);
    }

    /** The bars the query names; 404 when the symbol is neither tracked nor stored. */
    public BarSeries read(BarQuery query) {
        return readChecked(query).bars();
    }

    /**
     * The answer to {@code query} in its format: the bytes kept from an earlier identical request while the series
     * is unchanged, else written now (and kept when they came from the hot cache). 404 as {@link #read}.
     */
    EncodedBars.Answer answer(BarQuery query) {
        EncodedBars.Answer kept = kept(query);
        if (kept != null) {
            return kept;
        }
        CachingBarStore.VersionedRead read = readChecked(query);
        return encoded.write(query, read.bars(), read.version());
    }

    /** The answer kept for {@code query} while its series is as it is now, or null (then {@link #answer} writes it). */
    EncodedBars.Answer kept(BarQuery query) {
        return encoded.kept(query, store.versionOf(query.series()));
    }

    /** Answers sent as kept bytes since start. */
    long answersReused() {
        return encoded.reused();
    }

    private CachingBarStore.VersionedRead readChecked(BarQuery query) {
        CachingBarStore.VersionedRead read = store.readVersioned(query.series(), query.from(), query.to(), query.limit());
        if (read.bars().isEmpty() && !knownSymbols.isKnown(query.series().symbol())
                && store.stats(query.series()).isEmpty()) {
            throw new NotFoundException("Symbol '" + query.series().symbol() + "' is not tracked and has no stored "
                    + query.series().timeframe() + " bars; POST /api/v1/tracking with {\"symbols\":[\""
                    + query.series().symbol() + "\"]} to track it");
        }
        return read;
    }
}
