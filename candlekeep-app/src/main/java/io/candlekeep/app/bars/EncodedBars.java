package io.candlekeep.app.bars;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.candlekeep.core.domain.BarSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;

/**
 * Bars answers as the bytes sent, kept per query and per version of the cached series they were written from
 * ({@link CachingBarStore.VersionedRead}): a chart asking again for what it asked before gets the same bytes without
 * writing them again, until a write, a load or a relayed change gives the series a new version. Bounded by the bytes
 * held; an answer read from the store rather than the hot cache is written each time and not kept.
 */
final class EncodedBars {

    /** Answers smaller than this are not worth compressing (nginx's {@code gzip_min_length} is 20; a header is ~200). */
    static final int GZIP_MIN_BYTES = 1_024;

    /**
     * One answer: its bytes, its strong ETag (of the bytes, so equal answers from any instance have the same tag), and
     * its gzip encoding, made on the first request that accepts it.
     */
    static final class Answer {

        private final byte[] body;
        private final String etag;
        private volatile byte[] gzipped;

        Answer(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            this.etag = "\"" + digest(body) + "\"";
        }

        byte[] body() {
            return body;
        }

        String etag() {
            return etag;
        }

        /** The tag of the gzip encoding: another representation, so another strong tag. */
        String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gz\"";
        }

        boolean worthCompressing() {
            return body.length >= GZIP_MIN_BYTES;
        }

        byte[] gzipped() {
            byte[] g = gzipped;
            if (g == null) {
                g = gzip(body);
                gzipped = g; // two threads may both compress it once; either copy is the same bytes
            }
            return g;
        }
    }

    private record Entry(Object version, Answer answer) {
    }

    private final Cache<BarQuery, Entry> answers;
    private final LongAdder reused = new LongAdder();

    EncodedBars(long maxBytes) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                // the body and room for its gzip copy, which is smaller
                .weigher((BarQuery q, Entry e) -> (int) Math.min(Integer.MAX_VALUE, 2L * e.answer().body().length + 256))
                .executor(Runnable::run)
                .build();
    }

    /** The kept answer to {@code query} when it was written from {@code version}, else null. */
    Answer kept(BarQuery query, Object version) {
        if (version == null) {
            return null;
        }
        Entry e = answers.getIfPresent(query);
        if (e == null || e.version() != version) {
            return null;
        }
        reused.increment();
        return e.answer();
    }

    /** The answer to {@code query} written from {@code bars}, kept when they came from the cached {@code version}. */
    Answer write(BarQuery query, BarSeries bars, Object version) {
        Answer answer = new Answer(switch (query.format()) {
            case JSON -> BarsFormatter.json(query.series(), bars);
            case COLUMNS -> BarsFormatter.columns(query.series(), bars);
            case CSV -> BarsFormatter.csv(bars);
        });
        if (version != null) {
            answers.put(query, new Entry(version, answer));
        }
        return answer;
    }

    /** Answers sent as kept bytes since start. */
    long reused() {
        return reused.sum();
    }

    private static String digest(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 8_192)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory", e);
        }
        return out.toByteArray();
    }
}
